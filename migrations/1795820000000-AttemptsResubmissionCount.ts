import { MigrationInterface, QueryRunner } from "typeorm";

export class AttemptsResubmissionCount1795820000000 implements MigrationInterface {
    name = 'AttemptsResubmissionCount1795820000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "attempts" ADD "count" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "attempts" ADD "last_at" TIMESTAMP WITH TIME ZONE
        `);
        // The already_solved rows of each team and challenge become their first one, counting the others.
        await queryRunner.query(`
            WITH grouped AS (
                SELECT id, count(*) OVER w AS n, max(created_at) OVER w AS last,
                       row_number() OVER (w ORDER BY created_at, id) AS position
                  FROM attempts WHERE verdict = 'already_solved'
                WINDOW w AS (PARTITION BY challenge_id, team_id)
            ), kept AS (
                UPDATE attempts a SET count = g.n, last_at = g.last FROM grouped g WHERE a.id = g.id AND g.position = 1 AND g.n > 1
            )
            DELETE FROM attempts a USING grouped g WHERE a.id = g.id AND g.position > 1
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "attempts_already_solved_key" ON "attempts" ("challenge_id", "team_id")
            WHERE verdict = 'already_solved'
        `);
    }

    // The collapsed rows stay collapsed (their count is kept).
    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."attempts_already_solved_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "attempts" DROP COLUMN "last_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "attempts" DROP COLUMN "count"
        `);
    }

}
