import { randomBytes, randomUUID } from 'crypto';
import { blobFilesWith, createTask, labelledTruth, postTask, runningAiEvent, TaskUpload } from './factories/ai.factory';
import { runningCtf } from './factories/ctf.factory';
import { registeredUser } from './factories/team.factory';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { buildZip, zipOf } from './utils/zip-writer';

const BASE = { name: 'task', metric: 'accuracy', idColumn: 'id', targetColumn: 'label' };
const SPLIT = ['public', 'public', 'private', 'private'];
const truthFile = (content: string) => ({ groundTruth: { content, filename: 'truth.csv' } });
const SCORER = { scorer: { content: 'print(1)', filename: 'score.py' } };
const INPUTS = { testInputs: { content: zipOf({ 'test.csv': 'id\nr1\n' }), filename: 'inputs.zip' } };

describe('ai tasks (POST/GET /events/:slug/tasks)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['accuracy', {}, labelledTruth(['a', 'b', 'a', 'c'], SPLIT), true, null],
    ['macro_f1', {}, labelledTruth(['a', 'b', 'a', 'c'], SPLIT), true, null],
    ['rmse', {}, labelledTruth(['1.5', '-2', '3e2', '0'], SPLIT), false, null],
    ['mae', {}, labelledTruth(['1', '2', '3', '4'], SPLIT), false, null],
    ['log_loss', {}, labelledTruth(['0', '1', '1', '0'], SPLIT), false, null],
    ['roc_auc', {}, labelledTruth(['0', '1', '1', '0'], SPLIT), true, null],
    ['map_at_k', { k: '3' }, labelledTruth(['a b', 'c', '', 'd e f'], SPLIT), true, 3],
    ['custom', { scorerCommand: 'python3 score.py', scoreKey: 'acc', higherIsBetter: 'false' }, labelledTruth(['x', 'y', 'x', 'y'], SPLIT), false, null],
  ])('should create a %s task when the organiser uploads a valid ground truth', async (metric, extra, truth, higherIsBetter, k) => {
    const event = await runningAiEvent(app);
    const files = metric === 'custom' ? SCORER : {};
    const task = await createTask(app, event, { ...BASE, metric, splitColumn: 'usage', maxDailySubmissions: '5', maxSubmissions: '50', ...extra }, truth, files);
    // runtimeVersions: what a worker reported, if one of this suite's prefix runs (none here).
    expect(task).toEqual({
      id: expect.any(String),
      name: 'task',
      description: '',
      metric,
      k,
      idColumn: 'id',
      targetColumn: 'label',
      rows: 4,
      submissionType: 'predictions',
      higherIsBetter,
      maxDailySubmissions: 5,
      maxSubmissions: 50,
      limits: null,
      opensAt: null,
      closesAt: null,
      createdAt: expect.any(String),
      deadline: event.body.endsAt,
      maxFileBytes: expect.any(Number),
      runtime: 'python-scientific',
      runtimeVersions: null,
      scorerLayout: 'arena',
    });
    const list = await app.http().get(`/api/v1/events/${event.slug}/tasks`).expect(200);
    expect(list.body).toEqual([task]);
  });

  it('should create a code task with its hidden inputs and limits when submissionType is code', async () => {
    const event = await runningAiEvent(app);
    const fields = { ...BASE, splitColumn: 'usage', submissionType: 'code', limits: JSON.stringify({ cpuSeconds: 5, memoryMb: 256, wallSeconds: 10, processes: 16 }) };
    const task = await createTask(app, event, fields, labelledTruth(['a', 'b'], ['public', 'private']), INPUTS);
    expect(task).toMatchObject({ submissionType: 'code', limits: { cpuSeconds: 5, memoryMb: 256, wallSeconds: 10, processes: 16 }, rows: 2 });
  });

  const truth = labelledTruth(['a', 'b', 'a', 'b'], SPLIT);
  it.each<[string, Record<string, string>, TaskUpload['files'], RegExp]>([
    ['the ground truth is missing', { ...BASE }, {}, /groundTruth/],
    ['the id column is missing from the ground truth', { ...BASE, idColumn: 'key' }, truthFile(truth), /groundTruth: .*lacks the column\(s\) "key"/],
    ['the target column is missing from the ground truth', { ...BASE, targetColumn: 'y' }, truthFile(truth), /groundTruth: .*"y"/],
    ['the idColumn field is missing', { name: 'x', metric: 'accuracy', targetColumn: 'label' }, truthFile(truth), /idColumn/],
    ['the targetColumn field is missing', { name: 'x', metric: 'accuracy', idColumn: 'id' }, truthFile(truth), /targetColumn/],
    ['the metric is unknown', { ...BASE, metric: 'f2_score' }, truthFile(truth), /metric/],
    ['a split value is neither public nor private', { ...BASE, splitColumn: 'usage' }, truthFile(truth.replace('r3,a,private', 'r3,a,train')), /row 3 \(id "r3"\)/],
    ['splitColumn and publicFraction are both given', { ...BASE, splitColumn: 'usage', publicFraction: '0.5' }, truthFile(truth), /splitColumn and publicFraction/],
    ['publicFraction is out of range', { ...BASE, publicFraction: '1.5' }, truthFile(truth), /publicFraction/],
    ['a custom metric has no scorer file', { ...BASE, metric: 'custom', scorerCommand: 'python3 score.py', scoreKey: 'acc', higherIsBetter: 'true' }, truthFile(truth), /scorer:/],
    ['a custom metric has no scorerCommand', { ...BASE, metric: 'custom', scoreKey: 'acc', higherIsBetter: 'true' }, { ...truthFile(truth), ...SCORER }, /scorerCommand/],
    ['a custom metric has no scoreKey', { ...BASE, metric: 'custom', scorerCommand: 'python3 score.py', higherIsBetter: 'true' }, { ...truthFile(truth), ...SCORER }, /scoreKey/],
    [
      'a custom metric has no higherIsBetter',
      { ...BASE, metric: 'custom', scorerCommand: 'python3 score.py', scoreKey: 'acc' },
      { ...truthFile(truth), ...SCORER },
      /higherIsBetter/,
    ],
    ['a code task has no testInputs', { ...BASE, submissionType: 'code' }, truthFile(truth), /testInputs/],
    ['a field is unknown', { ...BASE, colour: 'blue' }, truthFile(truth), /colour/],
    ['a file field is unknown', { ...BASE }, { ...truthFile(truth), extra: { content: 'x', filename: 'x.txt' } }, /extra/],
    ['limits is not JSON', { ...BASE, limits: '{cpuSeconds: 5' }, truthFile(truth), /limits/],
    ['limits.processes is zero', { ...BASE, limits: JSON.stringify({ processes: 0 }) }, truthFile(truth), /limits\.processes must not be less than 1/],
    ['limits.processes is not an integer', { ...BASE, limits: JSON.stringify({ processes: 'many' }) }, truthFile(truth), /limits\.processes must be an integer/],
    ['k is given for another metric', { ...BASE, k: '3' }, truthFile(truth), /\bk\b/],
    ['publicFraction leaves the private split empty', { ...BASE, publicFraction: '1' }, truthFile(truth), /publicFraction: .*private split .*no rows/],
    ['publicFraction leaves the public split empty', { ...BASE, publicFraction: '0' }, truthFile(truth), /publicFraction: .*public split .*no rows/],
    [
      'the split column marks no row private',
      { ...BASE, splitColumn: 'usage' },
      truthFile(labelledTruth(['a', 'b'], ['public', 'public'])),
      /splitColumn: .*private split .*no rows/,
    ],
    ['an rmse target is not a number', { ...BASE, metric: 'rmse' }, truthFile('id,label\nr1,1\nr2,abc\n'), /groundTruth: .*row 2 \(id "r2"\)/],
  ])('should answer 400 naming the problem when %s', async (_case, fields, files, message) => {
    const event = await runningAiEvent(app);
    const response = await postTask(app, event, { fields, files }).expect(400);
    expect(response.body.message).toMatch(message);
    await app.http().get(`/api/v1/events/${event.slug}/tasks`).expect(200, []);
  });

  // Hidden inputs the worker cannot unpack would fail every code submission later: refused at upload instead.
  const codeTask = { ...BASE, splitColumn: 'usage', submissionType: 'code' };
  const manyEntries = buildZip(Array.from({ length: 1001 }, (_, index) => ({ name: `in/${index}.csv`, data: 'id\n' })));
  // 1.1 MiB of noise declared as 101 MiB: under the ratio bound, over the total one.
  const tooLarge = buildZip([{ name: 'big.bin', data: randomBytes(1.1 * 1024 * 1024), method: 'deflate', declaredSize: 101 * 1024 * 1024 }]);
  it.each<[string, Buffer, RegExp]>([
    ['holds more entries than the worker extracts', manyEntries, /testInputs: .*1001 entries, more than 1000/],
    ['is larger than the worker extracts', tooLarge, /testInputs: .*more than 104857600 bytes uncompressed/],
    ['leaves its folder with ..', buildZip([{ name: '../escape.csv', data: 'id\n' }]), /testInputs: .*\.\./],
    ["lies about an entry's size", buildZip([{ name: 'test.csv', data: 'id\nr1\n', declaredSize: 3 }]), /testInputs: /],
    ['is not a zip', Buffer.from('id\nr1\n'), /testInputs: not a readable zip/],
  ])('should answer 400 naming testInputs and create no task when the hidden inputs archive %s', async (_case, archive, message) => {
    const event = await runningAiEvent(app);
    const files = { ...truthFile(truth), testInputs: { content: archive, filename: 'inputs.zip' } };
    const response = await postTask(app, event, { fields: codeTask, files }).expect(400);
    expect(response.body.message).toMatch(message);
    await app.http().get(`/api/v1/events/${event.slug}/tasks`).expect(200, []);
  });

  it('should answer 400 naming the row and id, echo no target and keep no file when the ground truth repeats an id', async () => {
    const event = await runningAiEvent(app);
    const secret = `label-${randomUUID()}`;
    const content = `id,label\nr1,${secret}\nr2,b\nr1,${secret}-again\n`;
    const response = await postTask(app, event, { fields: BASE, files: truthFile(content) }).expect(400);
    expect(response.body.message).toMatch(/row 3 \(id "r1"\): duplicate id \(first on row 1\)/);
    expect(JSON.stringify(response.body)).not.toContain(secret);
    expect(blobFilesWith(content)).toEqual([]);
  });

  it('should answer 409 when the event already has a task of that name', async () => {
    const event = await runningAiEvent(app);
    await createTask(app, event, { ...BASE, splitColumn: 'usage' }, truth);
    await postTask(app, event, { fields: { ...BASE, splitColumn: 'usage' }, files: truthFile(truth) }).expect(409);
  });

  it('should answer 403 to a participant and 401 without a token', async () => {
    const event = await runningAiEvent(app);
    const participant = await registeredUser(app, event);
    let request = app.http().post(`/api/v1/events/${event.slug}/tasks`).set('Authorization', participant.auth);
    for (const [name, value] of Object.entries(BASE)) request = request.field(name, value);
    await request.attach('groundTruth', Buffer.from(truth), 'truth.csv').expect(403);
    await app.http().post(`/api/v1/events/${event.slug}/tasks`).field('name', 'x').expect(401);
    const otherOrganiser = (await runningAiEvent(app)).organiser;
    await app.http().post(`/api/v1/events/${event.slug}/tasks`).set('Authorization', otherOrganiser.auth).field('name', 'x').expect(403);
    await app.http().get(`/api/v1/events/${event.slug}/tasks`).expect(200, []);
  });

  it('should answer 404 when the event is not an AI competition', async () => {
    const ctf = await runningCtf(app);
    await postTask(app, ctf, { fields: BASE, files: truthFile(truth) }).expect(404);
    await app.http().get(`/api/v1/events/${ctf.slug}/tasks`).expect(404);
    const event = await runningAiEvent(app);
    await app.http().get(`/api/v1/events/${event.slug}/tasks/${randomUUID()}`).expect(404);
  });

  it('should never show the ground truth, its file or the scorer to participants or the public', async () => {
    const event = await runningAiEvent(app);
    const secret = `label-${randomUUID()}`;
    const content = labelledTruth([secret, 'b', secret, 'b'], SPLIT);
    const fields = { ...BASE, metric: 'custom', splitColumn: 'usage', scorerCommand: 'python3 hidden_scorer.py', scoreKey: 'acc', higherIsBetter: 'true' };
    const task = await createTask(app, event, fields, content, { scorer: { content: `# scorer ${secret}`, filename: 'hidden_scorer.py' } });
    const participant = await registerUser(app);
    const views = [
      await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}`).expect(200),
      await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}`).set('Authorization', participant.auth).expect(200),
      await app.http().get(`/api/v1/events/${event.slug}/tasks`).set('Authorization', participant.auth).expect(200),
    ];
    expect(Object.keys(views[0].body).sort()).toEqual([
      'closesAt',
      'createdAt',
      'deadline',
      'description',
      'higherIsBetter',
      'id',
      'idColumn',
      'k',
      'limits',
      'maxDailySubmissions',
      'maxFileBytes',
      'maxSubmissions',
      'metric',
      'name',
      'opensAt',
      'rows',
      'runtime',
      'runtimeVersions',
      'scorerLayout',
      'submissionType',
      'targetColumn',
    ]);
    for (const view of views) {
      const text = JSON.stringify(view.body);
      for (const hidden of [secret, 'truth.csv', 'hidden_scorer', 'usage', 'blob', 'Blob']) expect(text).not.toContain(hidden);
    }
  });
});
