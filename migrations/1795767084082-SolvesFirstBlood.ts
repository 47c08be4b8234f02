import { MigrationInterface, QueryRunner } from "typeorm";

export class SolvesFirstBlood1795767084082 implements MigrationInterface {
    name = 'SolvesFirstBlood1795767084082'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "solves_first_blood" ON "solves" ("challenge_id", "created_at", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."solves_first_blood"
        `);
    }

}
