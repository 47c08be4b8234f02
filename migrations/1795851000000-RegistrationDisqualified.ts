import { MigrationInterface, QueryRunner } from "typeorm";

export class RegistrationDisqualified1795851000000 implements MigrationInterface {
    name = 'RegistrationDisqualified1795851000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "registrations" ADD "disqualified_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "registrations" DROP COLUMN "disqualified_at"
        `);
    }

}
