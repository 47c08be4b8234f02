import { MigrationInterface, QueryRunner } from "typeorm";

export class SubmissionsTeamInFlight1795810000000 implements MigrationInterface {
    name = 'SubmissionsTeamInFlight1795810000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "submissions_team_status" ON "submissions" ("team_id", "status")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."submissions_team_status"
        `);
    }

}
