import { MigrationInterface, QueryRunner } from "typeorm";

// A rehash at login stores the same password with new parameters: the transaction that does it sets
// arena.password_rehash locally, and the user's other sessions live on. Any other change still ends them all.
export class PasswordRehashKeepsSessions1795860000000 implements MigrationInterface {
    name = 'PasswordRehashKeepsSessions1795860000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION "revoke_sessions_on_password_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('arena.password_rehash', true) IS DISTINCT FROM 'on' THEN
                    UPDATE "refresh_tokens" SET "revoked_at" = now() WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
                END IF;
                RETURN NEW;
            END
            $$
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION "revoke_sessions_on_password_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "refresh_tokens" SET "revoked_at" = now() WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
                RETURN NEW;
            END
            $$
        `);
    }

}
