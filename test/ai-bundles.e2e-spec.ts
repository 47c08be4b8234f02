import { INestApplicationContext } from '@nestjs/common';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { endEvent, runningAiEvent, submitAndSettle } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { registerUser } from './factories/user.factory';
import { bundleFixture, DEV_LABELS, FINAL_LABELS, labelsCsv, runCodalabDirectly, scoresTxt, SUBMITTED } from './utils/bundle-fixtures';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';
import { zipOf } from './utils/zip-writer';

const PROGRAM = {
  'evaluate.py': bundleFixture('codalab_evaluate.py'),
  metadata: 'command: python $program/evaluate.py $input $output\ndescription: Compute accuracy and macro F1\n',
};

/** A classic CodaLab v1.5 competition bundle: nested zips, two phases, html pages, a starting kit. */
function codalabBundle(overrides: { yaml?: string; files?: Record<string, string | Buffer> } = {}): Buffer {
  const yaml =
    overrides.yaml ??
    `title: Pet classifier
description: Classify the animals.
image: logo.png
has_registration: True
html:
  overview: overview.html
  evaluation: evaluation.html
phases:
  1:
    phasenumber: 1
    label: "Development"
    start_date: 2015-01-01
    max_submissions: 100
    max_submissions_per_day: 5
    color: green
    scoring_program: scoring_program.zip
    reference_data: reference_data_dev.zip
    starting_kit: starting_kit.zip
  2:
    phasenumber: 2
    label: "Final"
    start_date: 2015-06-01
    max_submissions: 100
    max_submissions_per_day: 5
    scoring_program: scoring_program.zip
    reference_data: reference_data_final.zip
leaderboard:
  leaderboards:
    RESULTS: &RESULTS
      label: Results
      rank: 1
  columns:
    accuracy:
      leaderboard: *RESULTS
      label: Accuracy
      rank: 1
      sort: desc
      numeric_format: 4
    f1_macro:
      leaderboard: *RESULTS
      label: F1
      rank: 2
      sort: desc
end_date: 2016-01-01
`;
  return zipOf({
    'competition.yaml': yaml,
    'scoring_program.zip': zipOf(PROGRAM),
    'reference_data_dev.zip': zipOf({ 'solution.csv': labelsCsv(DEV_LABELS) }),
    'reference_data_final.zip': zipOf({ 'solution.csv': labelsCsv(FINAL_LABELS) }),
    'starting_kit.zip': zipOf({ 'sample_submission.csv': labelsCsv(SUBMITTED) }),
    'overview.html': '<p>Overview</p>',
    'evaluation.html': '<p>Accuracy</p>',
    'logo.png': 'png',
    ...overrides.files,
  });
}

/** A Codabench v2 bundle: folders, one phase pointing at a task, /app paths, scores.json, an ascending column. */
function codabenchBundle(): Buffer {
  const yaml = `version: 2
title: Regression v2
description: Predict the values.
image: logo.png
terms: pages/terms.md
pages:
  - title: Overview
    file: pages/overview.md
phases:
  - index: 0
    name: Development
    start: 2020-01-01
    max_submissions_per_day: 10
    execution_time_limit: 120
    tasks:
      - 0
tasks:
  - index: 0
    name: Regression task
    scoring_program: scoring_program
    reference_data: reference_data
    input_data: input_data
leaderboards:
  - index: 0
    title: Results
    key: main
    columns:
      - title: RMSE
        key: rmse
        index: 0
        sorting: asc
      - title: Max error
        key: max_error
        index: 1
        sorting: asc
`;
  return zipOf({
    'bundle/competition.yaml': yaml,
    'bundle/scoring_program/scoring.py': bundleFixture('codabench_scoring.py'),
    'bundle/scoring_program/metadata.yaml': 'command: python3 /app/program/scoring.py\n',
    'bundle/reference_data/y_true.txt': '1\n2\n3\n4\n',
    'bundle/input_data/x.txt': '1\n',
    'bundle/pages/overview.md': '# Overview',
    'bundle/pages/terms.md': 'terms',
    'bundle/logo.png': 'png',
  });
}

describe('CodaLab and Codabench bundle import (POST /events/:slug/tasks/import; real worker and sandbox)', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let sandboxDir: string;
  const savedSandboxDir = process.env.SANDBOX_DIR;

  beforeAll(async () => {
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-bundles-'));
    chmodSync(sandboxDir, 0o755);
    process.env.SANDBOX_DIR = sandboxDir;
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (savedSandboxDir === undefined) delete process.env.SANDBOX_DIR;
    else process.env.SANDBOX_DIR = savedSandboxDir;
    rmSync(sandboxDir, { recursive: true, force: true });
  });

  const importBundle = (event: TestEvent, bundle: Buffer, auth = event.organiser.auth, fields: Record<string, string> = {}) => {
    let request = app.http().post(`/api/v1/events/${event.slug}/tasks/import`).set('Authorization', auth);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return request.attach('file', bundle, 'bundle.zip');
  };

  it('should import a CodaLab v1.5 bundle and rank with its own scoring program, as run directly on the same files', async () => {
    const event = await runningAiEvent(app);
    const response = await importBundle(event, codalabBundle()).expect(201);
    expect(response.body).toMatchObject({ format: 'codalab', phases: { public: 'Development', private: 'Final' }, columns: ['accuracy', 'f1_macro'] });
    const [task] = response.body.tasks;
    expect(task).toMatchObject({
      name: 'Pet classifier',
      description: 'Classify the animals.',
      metric: 'custom',
      higherIsBetter: true,
      scorerLayout: 'codalab',
      runtime: 'python-scientific',
      maxDailySubmissions: 5,
      maxSubmissions: 100,
    });
    const warnings: string[] = response.body.warnings;
    for (const unused of ['image is not used', 'has_registration is not used', 'html is not used', 'starting_kit (starting_kit.zip) is not imported'])
      expect(warnings.join('\n')).toContain(unused);
    // The 2015 dates are long past: the task keeps the event's window rather than being closed.
    expect(warnings.some((warning) => /Final ends .*past or outside the event/.test(warning))).toBe(true);
    expect(task.closesAt).toBeNull();

    const { captain } = await ctfTeam(app, event, 1);
    const answers = labelsCsv(SUBMITTED);
    const done = await submitAndSettle(app, event, captain, task.id, answers, 'answers.csv', {}, 60_000);
    expect(done).toMatchObject({ status: 'scored', privateScore: null });
    const args = (dirs: { program: string; input: string; output: string }) => [join(dirs.program, 'evaluate.py'), dirs.input, dirs.output];
    const dev = scoresTxt(runCodalabDirectly(PROGRAM, { 'solution.csv': labelsCsv(DEV_LABELS) }, { 'answers.csv': answers }, args));
    const final = scoresTxt(runCodalabDirectly(PROGRAM, { 'solution.csv': labelsCsv(FINAL_LABELS) }, { 'answers.csv': answers }, args));
    expect(done.publicScore).toBe(dev.accuracy);
    expect(done.publicScores).toEqual(dev);

    await endEvent(app, event);
    const after = await app.http().get(`/api/v1/submissions/${done.id}`).set('Authorization', captain.auth).expect(200);
    expect(after.body.privateScore).toBe(final.accuracy);
    expect(after.body.privateScores).toEqual(final);
  });

  it('should import a Codabench v2 bundle of folders and score a zip submission at the /app paths, lower first', async () => {
    const event = await runningAiEvent(app);
    const response = await importBundle(event, codabenchBundle(), event.organiser.auth, { name: 'Regression' }).expect(201);
    expect(response.body).toMatchObject({ format: 'codabench', phases: { public: 'Development', private: 'Development' }, columns: ['rmse', 'max_error'] });
    const [task] = response.body.tasks;
    expect(task).toMatchObject({ name: 'Regression', higherIsBetter: false, maxDailySubmissions: 10, limits: { wallSeconds: 120 } });
    const warnings: string[] = response.body.warnings;
    for (const unused of ['pages is not used', 'terms is not used', 'tasks[0].input_data is not used', 'one phase (Development)']) expect(warnings.join('\n')).toContain(unused);

    const { captain } = await ctfTeam(app, event, 1);
    const done = await submitAndSettle(app, event, captain, task.id, zipOf({ 'predictions/y_pred.txt': '1\n2\n3\n6\n' }), 'submission.zip', {}, 60_000);
    expect(done).toMatchObject({ status: 'scored', publicScore: 1, publicScores: { rmse: 1, max_error: 2 } });
  });

  it('should answer one 400 listing every problem of a bad bundle, and create nothing', async () => {
    const event = await runningAiEvent(app);
    const yaml = `title: Broken
phases:
  1:
    label: Development
    reference_data: reference_data.zip
  2:
    label: Final
    scoring_program: scoring_program.zip
    reference_data: missing_reference.zip
`;
    const bundle = zipOf({
      'competition.yaml': yaml,
      'reference_data.zip': zipOf({ 'solution.csv': 'id,label\n' }),
      'scoring_program.zip': zipOf({ 'evaluate.py': 'print(1)', metadata: 'description: no command here\n' }),
    });
    const response = await importBundle(event, bundle).expect(400);
    const messages: string[] = response.body.message;
    expect(Array.isArray(messages)).toBe(true);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/phases\.1\.scoring_program is missing/),
        expect.stringMatching(/phases\.2\.reference_data: missing_reference\.zip is not in the bundle/),
        expect.stringMatching(/leaderboard is missing/),
        expect.stringMatching(/scoring_program\.zip.*metadata has no command/),
      ]),
    );
    await app.http().get(`/api/v1/events/${event.slug}/tasks`).expect(200, []);
  });

  it.each<[string, Buffer, RegExp]>([
    ['competition.yaml is not valid YAML', zipOf({ 'competition.yaml': 'title: [unclosed\nphases:\n  - a: b: c\n' }), /competition\.yaml is not valid YAML/],
    ['the zip has no competition.yaml', zipOf({ 'README.md': 'hello' }), /no competition\.yaml/],
    ['the file is not a zip', Buffer.from('title: x\n'), /file: not a readable zip/],
    ['the version is unknown', zipOf({ 'competition.yaml': 'version: 3\ntitle: x\nphases: []\nleaderboards: []\n' }), /version 3 is not a CodaLab \(1\) or Codabench \(2\) bundle/],
  ])('should answer 400 when %s', async (_case, bundle, message) => {
    const event = await runningAiEvent(app);
    const response = await importBundle(event, bundle).expect(400);
    expect([response.body.message].flat().join(' | ')).toMatch(message);
  });

  it('should refuse participants and a second task of the same name', async () => {
    const event = await runningAiEvent(app);
    const player = await registerUser(app);
    await importBundle(event, codalabBundle(), player.auth).expect((response) => expect([403, 404]).toContain(response.status));
    await importBundle(event, codalabBundle()).expect(201);
    const again = await importBundle(event, codalabBundle()).expect(409);
    expect(again.body.message).toMatch(/field name/);
  });
});
