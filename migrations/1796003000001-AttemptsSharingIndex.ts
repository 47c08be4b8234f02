import { MigrationInterface, QueryRunner } from "typeorm";

// The attempts log's flag-sharing probe: other teams' attempts of the same challenge with the same text (up to case)
// within a window. The text is indexed by its digest: a submission of 1 000 multibyte characters would exceed a btree
// entry's limit (2 704 bytes) and fail its attempt's insert.
export class AttemptsSharingIndex1796003000001 implements MigrationInterface {
    name = 'AttemptsSharingIndex1796003000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "attempts_sharing" ON "attempts" ("challenge_id", md5(lower("submission")), "created_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."attempts_sharing"
        `);
    }

}
