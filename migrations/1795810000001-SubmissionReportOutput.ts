import { MigrationInterface, QueryRunner } from "typeorm";

// Moves what programs printed out of report.runs[] into report.output[] (organisers only), as the worker now
// writes it; the api filters by fields either way, so this keeps one shape for the organisers' tools.
export class SubmissionReportOutput1795810000001 implements MigrationInterface {
    name = 'SubmissionReportOutput1795810000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "submissions" s SET "report" = s."report" || jsonb_build_object(
                'runs', (SELECT jsonb_agg(r - 'stdout' - 'stderr' ORDER BY i) FROM jsonb_array_elements(s."report"->'runs') WITH ORDINALITY e(r, i)),
                'output', (SELECT jsonb_agg(jsonb_build_object('step', r->'step', 'stdout', COALESCE(r->'stdout', '""'), 'stderr', COALESCE(r->'stderr', '""')) ORDER BY i)
                             FROM jsonb_array_elements(s."report"->'runs') WITH ORDINALITY e(r, i)))
             WHERE jsonb_typeof(s."report"->'runs') = 'array' AND jsonb_array_length(s."report"->'runs') > 0 AND NOT s."report" ? 'output'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "submissions" s SET "report" = (s."report" - 'output' - 'organiserMessages') || jsonb_build_object(
                'runs', (SELECT jsonb_agg(r || jsonb_build_object('stdout', COALESCE(s."report"->'output'->(i::int - 1)->'stdout', '""'), 'stderr', COALESCE(s."report"->'output'->(i::int - 1)->'stderr', '""')) ORDER BY i)
                           FROM jsonb_array_elements(s."report"->'runs') WITH ORDINALITY e(r, i)))
             WHERE jsonb_typeof(s."report"->'runs') = 'array' AND jsonb_array_length(s."report"->'runs') > 0
        `);
        await queryRunner.query(`UPDATE "submissions" SET "report" = "report" - 'output' - 'organiserMessages' WHERE "report" ?| array['output', 'organiserMessages']`);
    }

}
