import { MigrationInterface, QueryRunner } from "typeorm";

// A password change by any path (bootstrap reset, a future reset flow, an operator's SQL) ends every session.
export class RevokeSessionsOnPasswordChange1795840000000 implements MigrationInterface {
    name = 'RevokeSessionsOnPasswordChange1795840000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION "revoke_sessions_on_password_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "refresh_tokens" SET "revoked_at" = now() WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
                RETURN NEW;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "users_password_change_revokes_sessions"
            AFTER UPDATE OF "password_hash" ON "users"
            FOR EACH ROW WHEN (OLD."password_hash" IS DISTINCT FROM NEW."password_hash")
            EXECUTE FUNCTION "revoke_sessions_on_password_change"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TRIGGER "users_password_change_revokes_sessions" ON "users"
        `);
        await queryRunner.query(`
            DROP FUNCTION "revoke_sessions_on_password_change"()
        `);
    }

}
