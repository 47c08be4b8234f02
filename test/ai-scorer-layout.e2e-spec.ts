import { INestApplicationContext } from '@nestjs/common';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTask, labelledTruth, postTask, runningAiEvent, submitAndSettle } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { bundleFixture, DEV_LABELS, FINAL_LABELS, labelsCsv, runCodalabDirectly, scoresTxt, SUBMITTED } from './utils/bundle-fixtures';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';
import { zipOf } from './utils/zip-writer';

// A ground truth for the task's contract fields (rows, columns); the scorer reads the organiser's reference files.
const TRUTH = labelledTruth(['cat', 'dog', 'cat', 'dog', 'bird', 'cat'], ['public', 'public', 'public', 'private', 'private', 'private']);
const PROGRAM = { 'evaluate.py': bundleFixture('codalab_evaluate.py'), metadata: 'command: python $program/evaluate.py $input $output\ndescription: CodaLab v1.5 style\n' };

/** Every number anywhere in a JSON answer, however deep. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(numbersIn);
}

describe('custom scorers in the CodaLab layout (real worker, real sandbox, python-scientific)', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let sandboxDir: string;
  const savedSandboxDir = process.env.SANDBOX_DIR;

  beforeAll(async () => {
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-layout-'));
    chmodSync(sandboxDir, 0o755);
    process.env.SANDBOX_DIR = sandboxDir;
    worker = await startTestWorker();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (savedSandboxDir === undefined) delete process.env.SANDBOX_DIR;
    else process.env.SANDBOX_DIR = savedSandboxDir;
    rmSync(sandboxDir, { recursive: true, force: true });
  });

  const fields = {
    name: 'codalab',
    metric: 'custom',
    idColumn: 'id',
    targetColumn: 'label',
    splitColumn: 'usage',
    scorerLayout: 'codalab',
    scoreKey: 'accuracy',
    higherIsBetter: 'true',
  };

  async function codalabTask(event: TestEvent, program: Record<string, string>, extra: Record<string, string> = {}) {
    return createTask(app, event, { ...fields, ...extra }, TRUTH, {
      scorer: { content: zipOf(program), filename: 'scoring_program.zip' },
      referenceData: { content: zipOf({ 'solution.csv': labelsCsv(DEV_LABELS) }), filename: 'reference_data_dev.zip' },
      privateReferenceData: { content: zipOf({ 'solution.csv': labelsCsv(FINAL_LABELS) }), filename: 'reference_data_final.zip' },
    });
  }

  it("should score with the metadata command, the organiser's file names and scores.txt exactly as the program run directly", async () => {
    const event = await runningAiEvent(app);
    const task = await codalabTask(event, PROGRAM);
    expect(task).toMatchObject({ scorerLayout: 'codalab', runtime: 'python-scientific' });
    const { captain } = await ctfTeam(app, event, 1);
    const answers = labelsCsv(SUBMITTED);
    const done = await submitAndSettle(app, event, captain, task.id, answers, 'answers.csv', {}, 60_000);
    expect(done).toMatchObject({ status: 'scored', failureReason: null, privateScore: null, privateScores: null });

    const args = (dirs: { program: string; input: string; output: string }) => [join(dirs.program, 'evaluate.py'), dirs.input, dirs.output];
    const dev = scoresTxt(runCodalabDirectly(PROGRAM, { 'solution.csv': labelsCsv(DEV_LABELS) }, { 'answers.csv': answers }, args));
    const final = scoresTxt(runCodalabDirectly(PROGRAM, { 'solution.csv': labelsCsv(FINAL_LABELS) }, { 'answers.csv': answers }, args));
    expect(Object.keys(dev).sort()).toEqual(['accuracy', 'f1_macro']);
    expect(done.publicScore).toBe(dev.accuracy);
    expect(done.publicScores).toEqual(dev);

    const organiser = await app.http().get(`/api/v1/submissions/${done.id}`).set('Authorization', event.organiser.auth).expect(200);
    expect(organiser.body.privateScore).toBe(final.accuracy);
    expect(organiser.body.privateScores).toEqual(final);
    expect(dev.accuracy).not.toBe(final.accuracy);
    expect(organiser.body.report.output[0].stdout).toContain('scored 6 rows');

    // The board ranks by the organiser's key and shows the scorer's other keys as columns: the public board only the
    // public split's, the private board (organisers now, everyone after the end) the private split's.
    const board = (query: string, auth?: string) => {
      const request = app.http().get(`/api/v1/events/${event.slug}/leaderboard?task=${task.id}${query}`);
      return auth ? request.set('Authorization', auth) : request;
    };
    const publicBoard = await eventually(async () => {
      const read = await board('', captain.auth).expect(200);
      return read.body.rows.length === 1 ? read.body : undefined;
    });
    expect(publicBoard.columns).toEqual(['f1_macro']);
    expect(publicBoard.rows[0]).toMatchObject({ score: dev.accuracy, scores: dev });
    // Compared as numbers: the board's text holds timestamps and ids, where "0.3" can turn up in "50.301Z".
    expect(numbersIn(publicBoard)).not.toContain(final.f1_macro);
    expect(numbersIn(publicBoard)).toContain(dev.f1_macro);
    const privateBoard = (await board('&board=private', event.organiser.auth).expect(200)).body;
    expect(privateBoard.rows[0]).toMatchObject({ score: final.accuracy, scores: final });
    await board('&board=private', captain.auth).expect(403);
  }, 120_000);

  it('should unzip a zip submission into res/ and read scores.json at the /app paths of Codabench v2', async () => {
    const event = await runningAiEvent(app);
    const program = { 'scoring.py': bundleFixture('codabench_scoring.py'), 'metadata.yaml': 'command: python3 /app/program/scoring.py\n' };
    const task = await createTask(app, event, { ...fields, scoreKey: 'rmse', higherIsBetter: 'false' }, TRUTH, {
      scorer: { content: zipOf(program), filename: 'scoring_program.zip' },
      referenceData: { content: zipOf({ 'y_true.txt': '1\n2\n3\n4\n' }), filename: 'ref.zip' },
    });
    const { captain } = await ctfTeam(app, event, 1);
    const done = await submitAndSettle(app, event, captain, task.id, zipOf({ 'predictions/y_pred.txt': '1\n2\n3\n6\n' }), 'submission.zip', {}, 60_000);
    expect(done).toMatchObject({ status: 'scored', failureReason: null });
    expect(done.publicScore).toBeCloseTo(1, 12);
    expect(done.publicScores).toEqual({ rmse: 1, max_error: 2 });
  });

  it('should run a program zipped inside its own folder, with scorerCommand replacing its metadata', async () => {
    const event = await runningAiEvent(app);
    const wrapped = Object.fromEntries(Object.entries(PROGRAM).map(([name, content]) => [`scoring_program/${name}`, content]));
    const task = await codalabTask(event, { ...wrapped, 'scoring_program/metadata': 'command: exit 3\n' }, { scorerCommand: 'python3 $program/evaluate.py $input $output' });
    const { captain } = await ctfTeam(app, event, 1);
    const done = await submitAndSettle(app, event, captain, task.id, labelsCsv(SUBMITTED), 'answers.csv', {}, 60_000);
    expect(done).toMatchObject({ status: 'scored', failureReason: null });
    expect(Object.keys(done.publicScores).sort()).toEqual(['accuracy', 'f1_macro']);
  });

  it('should fail naming the keys found when the ranking key is not among them', async () => {
    const event = await runningAiEvent(app);
    const task = await codalabTask(event, PROGRAM, { scoreKey: 'auc' });
    const { captain } = await ctfTeam(app, event, 1);
    const done = await submitAndSettle(app, event, captain, task.id, labelsCsv(SUBMITTED), 'answers.csv', {}, 60_000);
    expect(done).toMatchObject({ status: 'failed', failureReason: 'invalid-output' });
    expect(done.report.messages.join(' ')).toMatch(/output\/scores\.txt: "auc" must be a finite number \(found "accuracy", "f1_macro"\)/);
  });

  it.each<[string, Record<string, string>, Record<string, { content: string | Buffer; filename: string }>, RegExp]>([
    ['the layout has no reference data', {}, { scorer: { content: zipOf(PROGRAM), filename: 'p.zip' } }, /referenceData/],
    [
      'the program has no metadata and no scorerCommand',
      {},
      { scorer: { content: zipOf({ 'evaluate.py': 'x' }), filename: 'p.zip' }, referenceData: { content: 'a', filename: 'solution.csv' } },
      /scorer: no metadata file/,
    ],
    [
      'the metadata has no command',
      {},
      { scorer: { content: zipOf({ metadata: 'description: x\n' }), filename: 'p.zip' }, referenceData: { content: 'a', filename: 'solution.csv' } },
      /scorer: metadata has no command/,
    ],
    [
      'reference data is given in the arena layout',
      { scorerLayout: 'arena', scorerCommand: 'python3 s.py' },
      { scorer: { content: 'x', filename: 's.py' }, referenceData: { content: 'a', filename: 'solution.csv' } },
      /referenceData .* "codalab" only/,
    ],
    ['the layout is unknown', { scorerLayout: 'kaggle' }, { scorer: { content: zipOf(PROGRAM), filename: 'p.zip' } }, /scorerLayout/],
    ['the runtime is unknown', { runtime: 'python-gpu' }, { scorer: { content: zipOf(PROGRAM), filename: 'p.zip' } }, /runtime/],
  ])('should answer 400 when %s', async (_case, extra, files, message) => {
    const event = await runningAiEvent(app);
    const response = await postTask(app, event, { fields: { ...fields, ...extra }, files: { groundTruth: { content: TRUTH, filename: 'truth.csv' }, ...files } }).expect(400);
    expect(response.body.message).toMatch(message);
  });
});
