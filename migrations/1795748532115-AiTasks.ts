import { MigrationInterface, QueryRunner } from "typeorm";

export class AiTasks1795748532115 implements MigrationInterface {
    name = 'AiTasks1795748532115'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."task_metric" AS ENUM(
                'accuracy',
                'macro_f1',
                'rmse',
                'mae',
                'log_loss',
                'roc_auc',
                'map_at_k',
                'custom'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."submission_type" AS ENUM('predictions', 'code')
        `);
        await queryRunner.query(`
            CREATE TABLE "ai_tasks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "name" text NOT NULL,
                "metric" "public"."task_metric" NOT NULL,
                "k" integer,
                "id_column" text NOT NULL,
                "target_column" text NOT NULL,
                "split_column" text,
                "public_fraction" double precision,
                "max_daily_submissions" integer,
                "max_submissions" integer,
                "submission_type" "public"."submission_type" NOT NULL DEFAULT 'predictions',
                "ground_truth_blob" text NOT NULL,
                "ground_truth_rows" integer NOT NULL,
                "scorer_blob" text,
                "scorer_filename" text,
                "scorer_command" text,
                "score_key" text,
                "higher_is_better" boolean NOT NULL,
                "test_inputs_blob" text,
                "limits" jsonb,
                "opens_at" TIMESTAMP WITH TIME ZONE,
                "closes_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ai_tasks_event_name_key" UNIQUE ("event_id", "name"),
                CONSTRAINT "PK_d5885f99508841410eeaeb87163" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_733cf20d7f28b3148f0e6fa4f1" ON "ai_tasks" ("event_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."submission_status" AS ENUM('queued', 'running', 'scored', 'failed')
        `);
        await queryRunner.query(`
            CREATE TABLE "submissions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "task_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "blob_key" text NOT NULL,
                "sha256" character(64) NOT NULL,
                "size" bigint NOT NULL,
                "filename" text,
                "run_command" text,
                "status" "public"."submission_status" NOT NULL DEFAULT 'queued',
                "public_score" double precision,
                "private_score" double precision,
                "failure_reason" text,
                "report" jsonb NOT NULL DEFAULT '{"messages":[]}',
                "selected_final" boolean NOT NULL DEFAULT false,
                "utc_day" date NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "scored_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_10b3be95b8b2fb1e482e07d706b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_50bff3ceb17ef0851dfaffd68c" ON "submissions" ("task_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6209e859b37c29ccf2aae16092" ON "submissions" ("task_id", "team_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "ai_tasks"
            ADD CONSTRAINT "FK_733cf20d7f28b3148f0e6fa4f18" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions"
            ADD CONSTRAINT "FK_777fd1f8e4c40e606e1ce24974a" FOREIGN KEY ("task_id") REFERENCES "ai_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions"
            ADD CONSTRAINT "FK_744e0ddbe7ee244176b7bd1dd44" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "submissions" DROP CONSTRAINT "FK_744e0ddbe7ee244176b7bd1dd44"
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions" DROP CONSTRAINT "FK_777fd1f8e4c40e606e1ce24974a"
        `);
        await queryRunner.query(`
            ALTER TABLE "ai_tasks" DROP CONSTRAINT "FK_733cf20d7f28b3148f0e6fa4f18"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6209e859b37c29ccf2aae16092"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_50bff3ceb17ef0851dfaffd68c"
        `);
        await queryRunner.query(`
            DROP TABLE "submissions"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."submission_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_733cf20d7f28b3148f0e6fa4f1"
        `);
        await queryRunner.query(`
            DROP TABLE "ai_tasks"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."submission_type"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."task_metric"
        `);
    }

}
