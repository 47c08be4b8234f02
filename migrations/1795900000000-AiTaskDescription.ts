import { MigrationInterface, QueryRunner } from "typeorm";

export class AiTaskDescription1795900000000 implements MigrationInterface {
    name = 'AiTaskDescription1795900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "ai_tasks" ADD "description" text NOT NULL DEFAULT ''
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "ai_tasks" DROP COLUMN "description"
        `);
    }

}
