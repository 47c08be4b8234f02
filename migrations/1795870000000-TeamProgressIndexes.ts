import { MigrationInterface, QueryRunner } from "typeorm";

export class TeamProgressIndexes1795870000000 implements MigrationInterface {
    name = 'TeamProgressIndexes1795870000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "attempt_counters_team" ON "attempt_counters" ("team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "hint_unlocks_team" ON "hint_unlocks" ("team_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."hint_unlocks_team"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."attempt_counters_team"
        `);
    }

}
