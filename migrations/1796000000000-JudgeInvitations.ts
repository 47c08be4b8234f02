import { MigrationInterface, QueryRunner } from "typeorm";

export class JudgeInvitations1796000000000 implements MigrationInterface {
    name = 'JudgeInvitations1796000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "judge_invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "email" text NOT NULL,
                "tracks" text array NOT NULL DEFAULT '{}',
                "invited_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "judge_invitations_event_email_key" UNIQUE ("event_id", "email"),
                CONSTRAINT "PK_bb34d65c8ad6d86e38a7d6d62f2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "judge_invitations_email_idx" ON "judge_invitations" ("email")
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_invitations"
            ADD CONSTRAINT "FK_63ca94dd351eab35f36c210d317" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "judge_invitations" DROP CONSTRAINT "FK_63ca94dd351eab35f36c210d317"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."judge_invitations_email_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "judge_invitations"
        `);
    }

}
