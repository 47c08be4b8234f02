import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795746932801 implements MigrationInterface {
    name = 'Foundation1795746932801'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."platform_role" AS ENUM('admin', 'organizer', 'user')
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "password_hash" text NOT NULL,
                "display_name" text NOT NULL,
                "country" character(2) NOT NULL,
                "role" "public"."platform_role" NOT NULL DEFAULT 'user',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."event_kind" AS ENUM('ctf', 'ad', 'ai', 'hackathon')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."leaderboard_visibility" AS ENUM('public', 'participants', 'organisers')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."approval_mode" AS ENUM('auto', 'manual')
        `);
        await queryRunner.query(`
            CREATE TABLE "events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "kind" "public"."event_kind" NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "freeze_at" TIMESTAMP WITH TIME ZONE,
                "listed" boolean NOT NULL DEFAULT true,
                "leaderboard_visibility" "public"."leaderboard_visibility" NOT NULL DEFAULT 'public',
                "registration_opens_at" TIMESTAMP WITH TIME ZONE,
                "registration_closes_at" TIMESTAMP WITH TIME ZONE,
                "registration_approval" "public"."approval_mode" NOT NULL DEFAULT 'auto',
                "registration_capacity" integer,
                "eligible_countries" text array NOT NULL DEFAULT '{}',
                "team_min_size" integer NOT NULL DEFAULT '1',
                "team_max_size" integer NOT NULL DEFAULT '4',
                "team_lock_at_start" boolean NOT NULL DEFAULT true,
                "divisions" text array NOT NULL DEFAULT '{}',
                "ad" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_05bd884c03d3f424e2204bd14cd" UNIQUE ("slug"),
                CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."staff_role" AS ENUM('organizer', 'judge')
        `);
        await queryRunner.query(`
            CREATE TABLE "event_staff" (
                "event_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" "public"."staff_role" NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7b3eee02b244cce5497d8f1597b" PRIMARY KEY ("event_id", "user_id", "role")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_43774b1303787faac5b3ae85bd" ON "event_staff" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."registration_status" AS ENUM('approved', 'pending', 'waitlisted', 'rejected')
        `);
        await queryRunner.query(`
            CREATE TABLE "registrations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" "public"."registration_status" NOT NULL,
                "answers" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "registrations_event_user_key" UNIQUE ("event_id", "user_id"),
                CONSTRAINT "PK_6013e724d7b22929da9cd7282d1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a469d4ebfd08aee65de512148a" ON "registrations" ("event_id", "status", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3ddc983c5f7bcf132fd8732c3f" ON "refresh_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."team_role" AS ENUM('captain', 'member')
        `);
        await queryRunner.query(`
            CREATE TABLE "team_members" (
                "team_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "role" "public"."team_role" NOT NULL,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "team_members_event_user_key" UNIQUE ("event_id", "user_id"),
                CONSTRAINT "PK_1d3c06a8217a8785e2af0ec4ab8" PRIMARY KEY ("team_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "team_members_one_captain" ON "team_members" ("team_id")
            WHERE role = 'captain'
        `);
        await queryRunner.query(`
            CREATE TABLE "teams" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "name" text NOT NULL,
                "division" text,
                "invite_code" text NOT NULL,
                "hidden" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_8ad3974a1c9c97a4c2fcf36d952" UNIQUE ("invite_code"),
                CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id")
            )
        `);
        // Team names are unique per event regardless of case (not expressible as an entity index).
        await queryRunner.query(`
            CREATE UNIQUE INDEX "teams_event_name_key" ON "teams" ("event_id", lower("name"))
        `);
        await queryRunner.query(`
            ALTER TABLE "event_staff"
            ADD CONSTRAINT "FK_3e0cc23cd947b14e06221268d78" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "event_staff"
            ADD CONSTRAINT "FK_43774b1303787faac5b3ae85bd7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "registrations"
            ADD CONSTRAINT "FK_c082d66f7080c743a96c1e91807" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "registrations"
            ADD CONSTRAINT "FK_6aacc9b213fd8c881af6c738ecf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members"
            ADD CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members"
            ADD CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members"
            ADD CONSTRAINT "FK_248949dc1bb82e105d402c95c17" FOREIGN KEY ("event_id", "user_id") REFERENCES "registrations"("event_id", "user_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "teams"
            ADD CONSTRAINT "FK_26d243fdc44c2b67e541b796a81" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "teams" DROP CONSTRAINT "FK_26d243fdc44c2b67e541b796a81"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members" DROP CONSTRAINT "FK_248949dc1bb82e105d402c95c17"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members" DROP CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_members" DROP CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
        `);
        await queryRunner.query(`
            ALTER TABLE "registrations" DROP CONSTRAINT "FK_6aacc9b213fd8c881af6c738ecf"
        `);
        await queryRunner.query(`
            ALTER TABLE "registrations" DROP CONSTRAINT "FK_c082d66f7080c743a96c1e91807"
        `);
        await queryRunner.query(`
            ALTER TABLE "event_staff" DROP CONSTRAINT "FK_43774b1303787faac5b3ae85bd7"
        `);
        await queryRunner.query(`
            ALTER TABLE "event_staff" DROP CONSTRAINT "FK_3e0cc23cd947b14e06221268d78"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."teams_event_name_key"
        `);
        await queryRunner.query(`
            DROP TABLE "teams"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."team_members_one_captain"
        `);
        await queryRunner.query(`
            DROP TABLE "team_members"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."team_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3ddc983c5f7bcf132fd8732c3f"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a469d4ebfd08aee65de512148a"
        `);
        await queryRunner.query(`
            DROP TABLE "registrations"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."registration_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_43774b1303787faac5b3ae85bd"
        `);
        await queryRunner.query(`
            DROP TABLE "event_staff"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."staff_role"
        `);
        await queryRunner.query(`
            DROP TABLE "events"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."approval_mode"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."leaderboard_visibility"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."event_kind"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."platform_role"
        `);
    }

}
