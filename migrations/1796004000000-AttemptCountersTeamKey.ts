import { MigrationInterface, QueryRunner } from "typeorm";

// A wrong flag racing an organiser's disband could leave counter and attempt rows of a team that no longer exists
// (attempt_counters had no key to teams). With the key, the first wrong flag of a team on a challenge share-locks the
// team row as a solve does: the disband (which locks the team first) and the attempt are settled in one order. Rows
// such a race already left behind are removed first: no team, no board or log shows them.
export class AttemptCountersTeamKey1796004000000 implements MigrationInterface {
    name = 'AttemptCountersTeamKey1796004000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Api processes still running the old code may store a counter meanwhile: none can between the two steps.
        await queryRunner.query(`LOCK TABLE "attempt_counters" IN SHARE ROW EXCLUSIVE MODE`);
        await queryRunner.query(`
            DELETE FROM "attempt_counters" c WHERE NOT EXISTS (SELECT 1 FROM "teams" t WHERE t.id = c.team_id)
        `);
        await queryRunner.query(`
            ALTER TABLE "attempt_counters" ADD CONSTRAINT "FK_31ac039e3d267607cf0c7b12606" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "attempt_counters" DROP CONSTRAINT "FK_31ac039e3d267607cf0c7b12606"
        `);
    }
}
