import { MigrationInterface, QueryRunner } from "typeorm";

export class HackathonCheckCommand1795751976296 implements MigrationInterface {
    name = 'HackathonCheckCommand1795751976296'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "hackathon_settings"
            ADD "check_command" text
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "hackathon_settings" DROP COLUMN "check_command"
        `);
    }

}
