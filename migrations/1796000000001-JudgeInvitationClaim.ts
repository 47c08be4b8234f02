import { MigrationInterface, QueryRunner } from "typeorm";

// An account created with an invited email becomes a judge of each inviting event, in the INSERT's own transaction, so a
// sign-up stays one statement. The advisory lock is the one POST …/judging/invitations takes for the email: whichever of
// the two comes second sees the other (each statement of a volatile PL/pgSQL function reads a fresh snapshot).
export class JudgeInvitationClaim1796000000001 implements MigrationInterface {
    name = 'JudgeInvitationClaim1796000000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
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

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "users_claim_judge_invitations" ON "users"`);
        await queryRunner.query(`DROP FUNCTION "claim_judge_invitations"()`);
    }

}
