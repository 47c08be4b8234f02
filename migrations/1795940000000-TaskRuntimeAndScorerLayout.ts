import { MigrationInterface, QueryRunner } from "typeorm";

export class TaskRuntimeAndScorerLayout1795940000000 implements MigrationInterface {
    name = 'TaskRuntimeAndScorerLayout1795940000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Existing tasks ran with the packages of /usr visible: python-scientific is what they had.
        await queryRunner.query(`
            ALTER TABLE "ai_tasks"
                ADD "runtime" text NOT NULL DEFAULT 'python-scientific',
                ADD "runtime_versions" jsonb,
                ADD "scorer_layout" text NOT NULL DEFAULT 'arena',
                ADD "reference_blob" text,
                ADD "reference_filename" text,
                ADD "private_reference_blob" text,
                ADD "private_reference_filename" text
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions" ADD "scores" jsonb
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "submissions" DROP COLUMN "scores"
        `);
        await queryRunner.query(`
            ALTER TABLE "ai_tasks"
                DROP COLUMN "private_reference_filename",
                DROP COLUMN "private_reference_blob",
                DROP COLUMN "reference_filename",
                DROP COLUMN "reference_blob",
                DROP COLUMN "scorer_layout",
                DROP COLUMN "runtime_versions",
                DROP COLUMN "runtime"
        `);
    }

}
