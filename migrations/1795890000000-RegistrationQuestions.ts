import { MigrationInterface, QueryRunner } from "typeorm";

export class RegistrationQuestions1795890000000 implements MigrationInterface {
    name = 'RegistrationQuestions1795890000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "events" ADD "registration_questions" jsonb NOT NULL DEFAULT '[]'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "registration_questions"
        `);
    }

}
