import { MigrationInterface, QueryRunner } from "typeorm";

export class LeaderboardReveal1795750116052 implements MigrationInterface {
    name = 'LeaderboardReveal1795750116052'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "events"
            ADD "revealed_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "revealed_at"
        `);
    }

}
