import { MigrationInterface, QueryRunner } from "typeorm";

// Each solve records the id of the transaction that stored it, so the worker can read only the solves committed since
// its last read (see IncrementalStandings). Existing rows get 0: any reload reads them.
export class SolvesTx1795880000000 implements MigrationInterface {
    name = 'SolvesTx1795880000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "solves" ADD "tx" bigint NOT NULL DEFAULT 0
        `);
        await queryRunner.query(`
            ALTER TABLE "solves" ALTER COLUMN "tx" SET DEFAULT txid_current()
        `);
        await queryRunner.query(`
            CREATE INDEX "solves_event_tx" ON "solves" ("event_id", "tx")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."solves_event_tx"
        `);
        await queryRunner.query(`
            ALTER TABLE "solves" DROP COLUMN "tx"
        `);
    }

}
