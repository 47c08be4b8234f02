import { MigrationInterface, QueryRunner } from "typeorm";

export class TeamBans1795850000000 implements MigrationInterface {
    name = 'TeamBans1795850000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "teams" ADD "banned" boolean NOT NULL DEFAULT false
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "teams" DROP COLUMN "banned"
        `);
    }

}
