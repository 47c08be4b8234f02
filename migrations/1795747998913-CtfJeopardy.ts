import { MigrationInterface, QueryRunner } from "typeorm";

export class CtfJeopardy1795747998913 implements MigrationInterface {
    name = 'CtfJeopardy1795747998913'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "challenge_files" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "challenge_id" uuid NOT NULL,
                "name" text NOT NULL,
                "blob_key" text NOT NULL,
                "size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "challenge_files_challenge_name_key" UNIQUE ("challenge_id", "name"),
                CONSTRAINT "PK_462289ddf9ec6f37afd13571d50" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."flag_kind" AS ENUM('static', 'regex')
        `);
        await queryRunner.query(`
            CREATE TABLE "challenge_flags" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "challenge_id" uuid NOT NULL,
                "kind" "public"."flag_kind" NOT NULL,
                "content" text NOT NULL,
                "case_insensitive" boolean NOT NULL DEFAULT false,
                CONSTRAINT "PK_e37389fa44f3b777cb30a3156c0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_26b181197e9f8c597f59066991" ON "challenge_flags" ("challenge_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."value_function" AS ENUM('static', 'linear', 'logarithmic')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."challenge_state" AS ENUM('visible', 'hidden')
        `);
        await queryRunner.query(`
            CREATE TABLE "challenges" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "name" text NOT NULL,
                "category" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "author" text,
                "value_function" "public"."value_function" NOT NULL,
                "value" integer NOT NULL DEFAULT '0',
                "initial" integer NOT NULL DEFAULT '0',
                "minimum" integer NOT NULL DEFAULT '0',
                "decay" integer NOT NULL DEFAULT '0',
                "max_attempts" integer NOT NULL DEFAULT '0',
                "state" "public"."challenge_state" NOT NULL DEFAULT 'visible',
                "connection_info" text,
                "tags" text array NOT NULL DEFAULT '{}',
                "position" integer NOT NULL DEFAULT '0',
                "requirements" uuid array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "challenges_event_name_key" UNIQUE ("event_id", "name"),
                CONSTRAINT "PK_1e664e93171e20fe4d6125466af" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_879452d503f2c5cb2684328a4a" ON "challenges" ("event_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "hints" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "challenge_id" uuid NOT NULL,
                "content" text NOT NULL,
                "cost" integer NOT NULL DEFAULT '0',
                "position" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_3a6a970be4cdfcb0d7f0be2bd01" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_deb10baeba23320ce2963437af" ON "hints" ("challenge_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."award_kind" AS ENUM('manual', 'hint')
        `);
        await queryRunner.query(`
            CREATE TABLE "awards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "value" integer NOT NULL,
                "reason" text NOT NULL,
                "kind" "public"."award_kind" NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bc3f6adc548ff46c76c03e06377" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_935690e864a05b4ee6bc5a81fc" ON "awards" ("team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_888dbce673890c4e0d8880a303" ON "awards" ("event_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "hint_unlocks" (
                "hint_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "award_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_85e54cb612ecf8ea261b51b37bf" PRIMARY KEY ("hint_id", "team_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "solves" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "challenge_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "solves_challenge_team_key" UNIQUE ("challenge_id", "team_id"),
                CONSTRAINT "PK_4cca24c1dd43b91cb056e717bc7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f259c439e11afa41f747b6003a" ON "solves" ("team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_1a5cb1e4b54e4ca2f5b4e684d2" ON "solves" ("event_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."attempt_verdict" AS ENUM('correct', 'incorrect', 'already_solved')
        `);
        await queryRunner.query(`
            CREATE TABLE "attempts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "challenge_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "submission" text NOT NULL,
                "verdict" "public"."attempt_verdict" NOT NULL,
                "ip" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_295ca261e361fd2fd217754dcac" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a8f7b14f27db88829038873561" ON "attempts" ("challenge_id", "team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_35d39cf7f73e711baa19dc9597" ON "attempts" ("event_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "attempt_counters" (
                "challenge_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "wrong" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_942c20aa7844a09717fcf82f063" PRIMARY KEY ("challenge_id", "team_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "announcements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "title" text NOT NULL,
                "body" text NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b3ad760876ff2e19d58e05dc8b0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8d7e2b3107d07310e7adcf2be8" ON "announcements" ("event_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "events"
            ADD "ctf" jsonb
        `);
        await queryRunner.query(`
            ALTER TABLE "challenge_files"
            ADD CONSTRAINT "FK_f364623a9de61ea61977a1a771b" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "challenge_flags"
            ADD CONSTRAINT "FK_26b181197e9f8c597f590669919" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "challenges"
            ADD CONSTRAINT "FK_5d9d052bfaabf3ca626bbc9304e" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "hints"
            ADD CONSTRAINT "FK_deb10baeba23320ce2963437af0" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "FK_935690e864a05b4ee6bc5a81fc1" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "hint_unlocks"
            ADD CONSTRAINT "FK_98a1ce2d0e5b8bb9fac40604f94" FOREIGN KEY ("hint_id") REFERENCES "hints"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "hint_unlocks"
            ADD CONSTRAINT "FK_0d75685acafe961ad07363ae7e4" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "solves"
            ADD CONSTRAINT "FK_318298345ce98319e8b6d5fcddb" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "solves"
            ADD CONSTRAINT "FK_f259c439e11afa41f747b6003a5" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "announcements"
            ADD CONSTRAINT "FK_3aa1ff684ac5d194a77c07c3754" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "announcements" DROP CONSTRAINT "FK_3aa1ff684ac5d194a77c07c3754"
        `);
        await queryRunner.query(`
            ALTER TABLE "solves" DROP CONSTRAINT "FK_f259c439e11afa41f747b6003a5"
        `);
        await queryRunner.query(`
            ALTER TABLE "solves" DROP CONSTRAINT "FK_318298345ce98319e8b6d5fcddb"
        `);
        await queryRunner.query(`
            ALTER TABLE "hint_unlocks" DROP CONSTRAINT "FK_0d75685acafe961ad07363ae7e4"
        `);
        await queryRunner.query(`
            ALTER TABLE "hint_unlocks" DROP CONSTRAINT "FK_98a1ce2d0e5b8bb9fac40604f94"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "FK_935690e864a05b4ee6bc5a81fc1"
        `);
        await queryRunner.query(`
            ALTER TABLE "hints" DROP CONSTRAINT "FK_deb10baeba23320ce2963437af0"
        `);
        await queryRunner.query(`
            ALTER TABLE "challenges" DROP CONSTRAINT "FK_5d9d052bfaabf3ca626bbc9304e"
        `);
        await queryRunner.query(`
            ALTER TABLE "challenge_flags" DROP CONSTRAINT "FK_26b181197e9f8c597f590669919"
        `);
        await queryRunner.query(`
            ALTER TABLE "challenge_files" DROP CONSTRAINT "FK_f364623a9de61ea61977a1a771b"
        `);
        await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "ctf"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8d7e2b3107d07310e7adcf2be8"
        `);
        await queryRunner.query(`
            DROP TABLE "announcements"
        `);
        await queryRunner.query(`
            DROP TABLE "attempt_counters"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_35d39cf7f73e711baa19dc9597"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a8f7b14f27db88829038873561"
        `);
        await queryRunner.query(`
            DROP TABLE "attempts"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."attempt_verdict"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_1a5cb1e4b54e4ca2f5b4e684d2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f259c439e11afa41f747b6003a"
        `);
        await queryRunner.query(`
            DROP TABLE "solves"
        `);
        await queryRunner.query(`
            DROP TABLE "hint_unlocks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_888dbce673890c4e0d8880a303"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_935690e864a05b4ee6bc5a81fc"
        `);
        await queryRunner.query(`
            DROP TABLE "awards"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."award_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_deb10baeba23320ce2963437af"
        `);
        await queryRunner.query(`
            DROP TABLE "hints"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_879452d503f2c5cb2684328a4a"
        `);
        await queryRunner.query(`
            DROP TABLE "challenges"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."challenge_state"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."value_function"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_26b181197e9f8c597f59066991"
        `);
        await queryRunner.query(`
            DROP TABLE "challenge_flags"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."flag_kind"
        `);
        await queryRunner.query(`
            DROP TABLE "challenge_files"
        `);
    }

}
