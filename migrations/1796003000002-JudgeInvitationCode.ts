import { MigrationInterface, QueryRunner } from "typeorm";

// Judge invitations are claimed with a one-time code, not by registering the email (registration does not verify it):
// the users trigger goes, and each invitation keeps the SHA-256 of its code. Rows pending from before keep a null hash,
// which no code matches: they cannot be claimed until the organiser invites the email again (that sets a new code).
export class JudgeInvitationCode1796003000002 implements MigrationInterface {
    name = 'JudgeInvitationCode1796003000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "users_claim_judge_invitations" ON "users"`);
        await queryRunner.query(`DROP FUNCTION "claim_judge_invitations"()`);
        await queryRunner.query(`
            ALTER TABLE "judge_invitations" ADD "code_hash" text
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "judge_invitations_code_hash_key" ON "judge_invitations" ("code_hash")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."judge_invitations_code_hash_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "judge_invitations" DROP COLUMN "code_hash"
        `);
        // As migration JudgeInvitationClaim made them.
        await queryRunner.query(`
            CREATE FUNCTION "claim_judge_invitations"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtextextended('account-email:' || NEW.email, 0));
                WITH claimed AS (
                    DELETE FROM judge_invitations WHERE email = NEW.email RETURNING event_id, tracks
                ), staff AS (
                    INSERT INTO event_staff (event_id, user_id, role)
                    SELECT event_id, NEW.id, 'judge' FROM claimed
                    ON CONFLICT DO NOTHING
                )
                INSERT INTO judge_tracks (event_id, judge_id, tracks)
                SELECT event_id, NEW.id, tracks FROM claimed
                ON CONFLICT (event_id, judge_id) DO UPDATE SET tracks = EXCLUDED.tracks;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "users_claim_judge_invitations"
            AFTER INSERT ON "users" FOR EACH ROW EXECUTE FUNCTION "claim_judge_invitations"()
        `);
    }

}
