import { MigrationInterface, QueryRunner } from "typeorm";

export class UserDisabled1795990000000 implements MigrationInterface {
    name = 'UserDisabled1795990000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users" ADD "disabled_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "disabled_at"
        `);
    }

}
