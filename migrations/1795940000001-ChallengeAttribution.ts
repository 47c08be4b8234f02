import { MigrationInterface, QueryRunner } from "typeorm";

export class ChallengeAttribution1795940000001 implements MigrationInterface {
    name = 'ChallengeAttribution1795940000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "challenges" ADD "attribution" text
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "challenges" DROP COLUMN "attribution"
        `);
    }

}
