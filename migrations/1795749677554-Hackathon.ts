import { MigrationInterface, QueryRunner } from "typeorm";

export class Hackathon1795749677554 implements MigrationInterface {
    name = 'Hackathon1795749677554'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."hackathon_normalisation" AS ENUM('zscore', 'none')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."judging_mode" AS ENUM('rubric', 'pairwise')
        `);
        await queryRunner.query(`
            CREATE TABLE "hackathon_settings" (
                "event_id" uuid NOT NULL,
                "tracks" text array NOT NULL DEFAULT '{}',
                "normalisation" "public"."hackathon_normalisation" NOT NULL DEFAULT 'zscore',
                "mode" "public"."judging_mode" NOT NULL DEFAULT 'rubric',
                "judging_closed" boolean NOT NULL DEFAULT false,
                "results_published_at" TIMESTAMP WITH TIME ZONE,
                "exclude_same_country_judges" boolean NOT NULL DEFAULT false,
                "peoples_choice_enabled" boolean NOT NULL DEFAULT false,
                "peoples_choice_votes_per_user" integer NOT NULL DEFAULT '1',
                "required_files" text array NOT NULL DEFAULT '{README*}',
                "max_archive_bytes" bigint,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dab8e2c19fb114a82d861752bc6" PRIMARY KEY ("event_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "projects" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "title" text NOT NULL,
                "summary" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "repo_url" text NOT NULL,
                "video_url" text,
                "tracks" text array NOT NULL DEFAULT '{}',
                "version" integer NOT NULL DEFAULT '1',
                "archive" jsonb,
                "checks" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "projects_event_team_key" UNIQUE ("event_id", "team_id"),
                CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_86db82b9c789f64123edcc8e78" ON "projects" ("event_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "rubric_scores" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "project_id" uuid NOT NULL,
                "judge_id" uuid NOT NULL,
                "scores" jsonb NOT NULL,
                "comment" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "rubric_scores_project_judge_key" UNIQUE ("project_id", "judge_id"),
                CONSTRAINT "PK_35eb0094940cd089113bae42d34" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f0dc3cf4b4ee14e34608c89703" ON "rubric_scores" ("event_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "project_versions" (
                "project_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "edited_by" uuid,
                "snapshot" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7de0c1f64c2a3e365458548cb91" PRIMARY KEY ("project_id", "version")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "peoples_choice_votes" (
                "event_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "slot" integer NOT NULL,
                "project_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "peoples_choice_votes_user_project_key" UNIQUE ("event_id", "user_id", "project_id"),
                CONSTRAINT "peoples_choice_votes_slot_check" CHECK ("slot" >= 1),
                CONSTRAINT "PK_821bec2aa02e17f70253543d738" PRIMARY KEY ("event_id", "user_id", "slot")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "pairwise_votes" (
                "id" BIGSERIAL NOT NULL,
                "event_id" uuid NOT NULL,
                "judge_id" uuid NOT NULL,
                "prev_project_id" uuid NOT NULL,
                "next_project_id" uuid NOT NULL,
                "winner_id" uuid NOT NULL,
                "loser_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_244876476e1fccc24390e790578" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_08944a014a15bb889d008dd369" ON "pairwise_votes" ("event_id", "judge_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0240380f13283dc1c4347ec011" ON "pairwise_votes" ("event_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "pairwise_views" (
                "event_id" uuid NOT NULL,
                "judge_id" uuid NOT NULL,
                "project_id" uuid NOT NULL,
                "skipped" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b3cb601cd95a92a3b6c3afe4b40" PRIMARY KEY ("event_id", "judge_id", "project_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "pairwise_undos" (
                "vote_id" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e9636de8e03182976358285cc8e" PRIMARY KEY ("vote_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "pairwise_judges" (
                "event_id" uuid NOT NULL,
                "judge_id" uuid NOT NULL,
                "prev_project_id" uuid,
                "next_project_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dd433bbbdf0dc2753c34098da54" PRIMARY KEY ("event_id", "judge_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "judge_tracks" (
                "event_id" uuid NOT NULL,
                "judge_id" uuid NOT NULL,
                "tracks" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_634f015e85adbf5b2e20b63b247" PRIMARY KEY ("event_id", "judge_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."assignment_status" AS ENUM('active', 'recused')
        `);
        await queryRunner.query(`
            CREATE TABLE "judge_assignments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "project_id" uuid NOT NULL,
                "judge_id" uuid NOT NULL,
                "status" "public"."assignment_status" NOT NULL DEFAULT 'active',
                "recusal_reason" text,
                "recused_at" TIMESTAMP WITH TIME ZONE,
                "replaced_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "judge_assignments_project_judge_key" UNIQUE ("project_id", "judge_id"),
                CONSTRAINT "PK_b2f2a5dac77c026cc260a7d7df5" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_de3a96abec776a15caa2b79ca9" ON "judge_assignments" ("event_id", "judge_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "judging_criteria" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "weight" double precision NOT NULL,
                "min" double precision NOT NULL,
                "max" double precision NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "judging_criteria_event_name_key" UNIQUE ("event_id", "name"),
                CONSTRAINT "judging_criteria_range_check" CHECK (
                    "max" > "min"
                    AND "weight" > 0
                ),
                CONSTRAINT "PK_277e14f433ad26e3b9a8162e679" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "judge_conflicts" (
                "event_id" uuid NOT NULL,
                "judge_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "reason" text NOT NULL DEFAULT '',
                "declared_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3dfa05c7890909ac9b7b9056e11" PRIMARY KEY ("event_id", "judge_id", "team_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "hackathon_settings"
            ADD CONSTRAINT "FK_dab8e2c19fb114a82d861752bc6" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "FK_e3baf16be44b0c552ba347180c3" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "FK_ce17f8b1c8016554cafa2dc8fb5" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rubric_scores"
            ADD CONSTRAINT "FK_01b95628498dbd968bb4612d024" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rubric_scores"
            ADD CONSTRAINT "FK_c0c938714f400b1eaf93e905cb1" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "project_versions"
            ADD CONSTRAINT "FK_f1deab56bfe3bd92fe174118519" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "project_versions"
            ADD CONSTRAINT "FK_2cafd0214f5e2cbb79c00da9a46" FOREIGN KEY ("edited_by") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "peoples_choice_votes"
            ADD CONSTRAINT "FK_960d0a27244364aac9beba275ab" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "peoples_choice_votes"
            ADD CONSTRAINT "FK_9a410130216ed03de64ebe7bdb9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "peoples_choice_votes"
            ADD CONSTRAINT "FK_e8539a0439300e3d9bcf77fb351" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes"
            ADD CONSTRAINT "FK_e78fb1277e1b9bc0ce680a5d849" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes"
            ADD CONSTRAINT "FK_7272b97a10e7b229e3fb02cdceb" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes"
            ADD CONSTRAINT "FK_9e2af25597dcb4e034dddf734de" FOREIGN KEY ("winner_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes"
            ADD CONSTRAINT "FK_8cb0b29262fdde0b4dcca8d220e" FOREIGN KEY ("loser_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_views"
            ADD CONSTRAINT "FK_2ad63e2e91af88539cdc3db5441" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_undos"
            ADD CONSTRAINT "FK_e9636de8e03182976358285cc8e" FOREIGN KEY ("vote_id") REFERENCES "pairwise_votes"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges"
            ADD CONSTRAINT "FK_319bfebbe82a5347f64cabdb580" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges"
            ADD CONSTRAINT "FK_4ffd75435eb86da6bbbfbc326fe" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges"
            ADD CONSTRAINT "FK_befae41832f66947f9d8c70ee87" FOREIGN KEY ("prev_project_id") REFERENCES "projects"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges"
            ADD CONSTRAINT "FK_8285c436210a7a01bbab87221ae" FOREIGN KEY ("next_project_id") REFERENCES "projects"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_tracks"
            ADD CONSTRAINT "FK_480ca8afcb61d5b8736e3fff17d" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_tracks"
            ADD CONSTRAINT "FK_f78ae56263e09465ac51c4cd682" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_assignments"
            ADD CONSTRAINT "FK_d01d0cd486aabf7243ac9b32566" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_assignments"
            ADD CONSTRAINT "FK_960f6e37b18343355c63e4f6876" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judging_criteria"
            ADD CONSTRAINT "FK_45cad578fdd887301d1bab9f12d" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_conflicts"
            ADD CONSTRAINT "FK_f81bc34ba915fbfda0269dd167a" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_conflicts"
            ADD CONSTRAINT "FK_12e3281c63d0168af30a33ea81b" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_conflicts"
            ADD CONSTRAINT "FK_c1fd62c4c93c77d66d6ea4448e1" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "judge_conflicts" DROP CONSTRAINT "FK_c1fd62c4c93c77d66d6ea4448e1"
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_conflicts" DROP CONSTRAINT "FK_12e3281c63d0168af30a33ea81b"
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_conflicts" DROP CONSTRAINT "FK_f81bc34ba915fbfda0269dd167a"
        `);
        await queryRunner.query(`
            ALTER TABLE "judging_criteria" DROP CONSTRAINT "FK_45cad578fdd887301d1bab9f12d"
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_assignments" DROP CONSTRAINT "FK_960f6e37b18343355c63e4f6876"
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_assignments" DROP CONSTRAINT "FK_d01d0cd486aabf7243ac9b32566"
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_tracks" DROP CONSTRAINT "FK_f78ae56263e09465ac51c4cd682"
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_tracks" DROP CONSTRAINT "FK_480ca8afcb61d5b8736e3fff17d"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges" DROP CONSTRAINT "FK_8285c436210a7a01bbab87221ae"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges" DROP CONSTRAINT "FK_befae41832f66947f9d8c70ee87"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges" DROP CONSTRAINT "FK_4ffd75435eb86da6bbbfbc326fe"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_judges" DROP CONSTRAINT "FK_319bfebbe82a5347f64cabdb580"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_undos" DROP CONSTRAINT "FK_e9636de8e03182976358285cc8e"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_views" DROP CONSTRAINT "FK_2ad63e2e91af88539cdc3db5441"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes" DROP CONSTRAINT "FK_8cb0b29262fdde0b4dcca8d220e"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes" DROP CONSTRAINT "FK_9e2af25597dcb4e034dddf734de"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes" DROP CONSTRAINT "FK_7272b97a10e7b229e3fb02cdceb"
        `);
        await queryRunner.query(`
            ALTER TABLE "pairwise_votes" DROP CONSTRAINT "FK_e78fb1277e1b9bc0ce680a5d849"
        `);
        await queryRunner.query(`
            ALTER TABLE "peoples_choice_votes" DROP CONSTRAINT "FK_e8539a0439300e3d9bcf77fb351"
        `);
        await queryRunner.query(`
            ALTER TABLE "peoples_choice_votes" DROP CONSTRAINT "FK_9a410130216ed03de64ebe7bdb9"
        `);
        await queryRunner.query(`
            ALTER TABLE "peoples_choice_votes" DROP CONSTRAINT "FK_960d0a27244364aac9beba275ab"
        `);
        await queryRunner.query(`
            ALTER TABLE "project_versions" DROP CONSTRAINT "FK_2cafd0214f5e2cbb79c00da9a46"
        `);
        await queryRunner.query(`
            ALTER TABLE "project_versions" DROP CONSTRAINT "FK_f1deab56bfe3bd92fe174118519"
        `);
        await queryRunner.query(`
            ALTER TABLE "rubric_scores" DROP CONSTRAINT "FK_c0c938714f400b1eaf93e905cb1"
        `);
        await queryRunner.query(`
            ALTER TABLE "rubric_scores" DROP CONSTRAINT "FK_01b95628498dbd968bb4612d024"
        `);
        await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "FK_ce17f8b1c8016554cafa2dc8fb5"
        `);
        await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "FK_e3baf16be44b0c552ba347180c3"
        `);
        await queryRunner.query(`
            ALTER TABLE "hackathon_settings" DROP CONSTRAINT "FK_dab8e2c19fb114a82d861752bc6"
        `);
        await queryRunner.query(`
            DROP TABLE "judge_conflicts"
        `);
        await queryRunner.query(`
            DROP TABLE "judging_criteria"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_de3a96abec776a15caa2b79ca9"
        `);
        await queryRunner.query(`
            DROP TABLE "judge_assignments"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."assignment_status"
        `);
        await queryRunner.query(`
            DROP TABLE "judge_tracks"
        `);
        await queryRunner.query(`
            DROP TABLE "pairwise_judges"
        `);
        await queryRunner.query(`
            DROP TABLE "pairwise_undos"
        `);
        await queryRunner.query(`
            DROP TABLE "pairwise_views"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0240380f13283dc1c4347ec011"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_08944a014a15bb889d008dd369"
        `);
        await queryRunner.query(`
            DROP TABLE "pairwise_votes"
        `);
        await queryRunner.query(`
            DROP TABLE "peoples_choice_votes"
        `);
        await queryRunner.query(`
            DROP TABLE "project_versions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f0dc3cf4b4ee14e34608c89703"
        `);
        await queryRunner.query(`
            DROP TABLE "rubric_scores"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_86db82b9c789f64123edcc8e78"
        `);
        await queryRunner.query(`
            DROP TABLE "projects"
        `);
        await queryRunner.query(`
            DROP TABLE "hackathon_settings"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."judging_mode"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."hackathon_normalisation"
        `);
    }

}
