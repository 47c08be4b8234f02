import { LeaderboardNotifier } from '@arena/jobs';
import { TaskEditsService } from '../libs/submissions/src/tasks/task-edits.service';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTask, labelledTruth, postSubmission, runningAiEvent, settled, submitAndSettle } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

const SPLIT = ['public', 'public', 'private', 'private'];
const TRUTH = labelledTruth(['a', 'b', 'a', 'b'], SPLIT);
// Every label flipped: a prediction right under TRUTH is wrong under this one.
const FLIPPED = labelledTruth(['b', 'a', 'b', 'a'], SPLIT);
const RIGHT = 'id,label\nr1,a\nr2,b\nr3,a\nr4,b\n';
const FIELDS = { name: 'Edited', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' };

// PATCH /events/:slug/tasks/:id: free fields any time; how the task scores only until a submission is scored, then
// only with rescoreAll (every finished submission queued again in the same transaction), never while a check runs.
describe('ai task edits', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
    dataSource = app.app.get(DataSource);
  });

  afterAll(async () => {
    await worker?.close();
    await app.close();
  });

  function patch(event: TestEvent, taskId: string, fields: Record<string, string>, files: Record<string, string> = {}, auth = event.organiser.auth) {
    let request = app.http().patch(`/api/v1/events/${event.slug}/tasks/${taskId}`).set('Authorization', auth);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    for (const [name, content] of Object.entries(files)) request = request.attach(name, Buffer.from(content), `${name}.csv`);
    return request;
  }
  const task = async (event: TestEvent, id: string) => (await app.http().get(`/api/v1/events/${event.slug}/tasks/${id}`).expect(200)).body;

  async function scoredTask(): Promise<{ event: TestEvent; taskId: string; captain: TestUser; submission: Record<string, any> }> {
    const event = await runningAiEvent(app);
    const made = await createTask(app, event, { ...FIELDS, name: 'sentiment', maxDailySubmissions: '5' }, TRUTH);
    const { captain } = await ctfTeam(app, event, 1);
    const submission = await submitAndSettle(app, event, captain, made.id, RIGHT);
    expect(submission).toMatchObject({ status: 'scored', publicScore: 1 });
    return { event, taskId: made.id, captain, submission };
  }

  it('should change the name, description, quotas and window at any time, clearing a field sent empty', async () => {
    const { event, taskId } = await scoredTask();
    const closesAt = new Date(Date.now() + 5 * 3600_000).toISOString();

    const answer = await patch(event, taskId, { name: 'Review sentiment', description: 'New **rules**\r\nhere', maxDailySubmissions: '', maxSubmissions: '40', closesAt }).expect(
      200,
    );

    expect(answer.body).toMatchObject({
      id: taskId,
      name: 'Review sentiment',
      description: 'New **rules**\nhere',
      maxDailySubmissions: null,
      maxSubmissions: 40,
      closesAt,
      requeued: 0,
    });
    expect(await task(event, taskId)).toMatchObject({ name: 'Review sentiment', maxDailySubmissions: null, closesAt, metric: 'accuracy', rows: 4 });
    // The scored submission keeps its score: nothing that decides it changed.
    const [row] = (await app.http().get(`/api/v1/events/${event.slug}/tasks/${taskId}/submissions`).set('Authorization', event.organiser.auth).expect(200)).body;
    expect(row).toMatchObject({ status: 'scored', publicScore: 1 });
    // Sending the scoring fields unchanged (as the console's form does) is no scoring change either.
    await patch(event, taskId, { metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }).expect(200);
  });

  it('should refuse a scoring change once a submission is scored, and apply it with a rescore of every submission', async () => {
    const { event, taskId, captain, submission } = await scoredTask();

    const refused = await patch(event, taskId, {}, { groundTruth: FLIPPED }).expect(409);
    expect(refused.body).toMatchObject({ code: 'task-has-scores', message: expect.stringContaining('rescoreAll') });
    expect((await patch(event, taskId, { metric: 'macro_f1' }).expect(409)).body.code).toBe('task-has-scores');
    expect((await task(event, taskId)).metric).toBe('accuracy');
    expect((await settled(app, captain, submission.id)).publicScore).toBe(1);

    const applied = await patch(event, taskId, { rescoreAll: 'true' }, { groundTruth: FLIPPED }).expect(200);

    expect(applied.body).toMatchObject({ requeued: 1, rows: 4 });
    const rescored = await eventually(async () => {
      const body = (await app.http().get(`/api/v1/submissions/${submission.id}`).set('Authorization', captain.auth)).body;
      return body.status === 'scored' && body.publicScore === 0 ? body : undefined;
    }, 30_000);
    expect(rescored.publicScore).toBe(0);
  });

  it('should keep the new ground truth and answer 200 when telling the board of a committed edit fails', async () => {
    const event = await runningAiEvent(app);
    const made = await createTask(app, event, FIELDS, TRUTH);
    const edits = app.app.get<TaskEditsService, { leaderboards: LeaderboardNotifier }>(TaskEditsService, { strict: false });
    const failing = jest.spyOn(edits.leaderboards, 'changed').mockRejectedValueOnce(new Error('redis went away'));
    try {
      await patch(event, made.id, {}, { groundTruth: FLIPPED }).expect(200);
      expect(failing).toHaveBeenCalled();
    } finally {
      failing.mockRestore();
    }
    // The committed task's file is still there: a submission scores against it (every label flipped, so RIGHT is wrong).
    const { captain } = await ctfTeam(app, event, 1);
    expect(await submitAndSettle(app, event, captain, made.id, RIGHT)).toMatchObject({ status: 'scored', publicScore: 0 });
  });

  it('should let scoring change freely before any submission is scored, reading the new ground truth', async () => {
    const event = await runningAiEvent(app);
    const made = await createTask(app, event, FIELDS, TRUTH);
    const wider = labelledTruth(['a', 'b', 'a', 'b', 'a', 'b'], ['public', 'public', 'public', 'private', 'private', 'private']);

    const answer = await patch(event, made.id, { metric: 'macro_f1' }, { groundTruth: wider }).expect(200);

    expect(answer.body).toMatchObject({ metric: 'macro_f1', rows: 6, requeued: 0 });
    // A split that leaves a board empty is refused, naming the field; nothing changes.
    const empty = labelledTruth(['a', 'b'], ['public', 'public']);
    expect((await patch(event, made.id, {}, { groundTruth: empty }).expect(400)).body.message).toMatch(/^splitColumn: the private split would have no rows/);
    expect((await task(event, made.id)).rows).toBe(6);
  });

  it('should switch the split between a column and a public share, and take k with map_at_k', async () => {
    const event = await runningAiEvent(app);
    const labels = Array.from({ length: 20 }, (_, index) => (index % 2 ? 'a' : 'b'));
    const made = await createTask(
      app,
      event,
      FIELDS,
      labelledTruth(
        labels,
        labels.map((_, index) => (index < 10 ? 'public' : 'private')),
      ),
    );

    expect((await patch(event, made.id, { publicFraction: '0.5' }).expect(200)).body).toMatchObject({ rows: 20 });
    expect((await patch(event, made.id, { splitColumn: 'usage' }).expect(200)).body).toMatchObject({ rows: 20 });
    expect((await patch(event, made.id, { splitColumn: 'nope' }).expect(400)).body.message).toMatch(/^groundTruth: .*nope/);
    expect((await patch(event, made.id, { metric: 'map_at_k' }).expect(200)).body).toMatchObject({ metric: 'map_at_k', k: 10, higherIsBetter: true });
    expect((await patch(event, made.id, { k: '3' }).expect(200)).body.k).toBe(3);
    expect((await patch(event, made.id, { metric: 'rmse' }).expect(400)).body.message).toMatch(/^groundTruth: /);
    expect((await patch(event, made.id, { metric: 'macro_f1' }).expect(200)).body).toMatchObject({ metric: 'macro_f1', k: null });
  });

  it('should refuse a scoring change while a check runs, even with a rescore', async () => {
    const { event, taskId, submission } = await scoredTask();
    await dataSource.query(`UPDATE submissions SET status = 'running' WHERE id = $1`, [submission.id]);
    try {
      const busy = await patch(event, taskId, { rescoreAll: 'true' }, { groundTruth: FLIPPED }).expect(409);
      expect(busy.body.code).toBe('task-busy');
      // Free fields still change.
      await patch(event, taskId, { name: 'Still editable' }).expect(200);
    } finally {
      await dataSource.query(`UPDATE submissions SET status = 'scored' WHERE id = $1`, [submission.id]);
    }
    expect((await task(event, taskId)).rows).toBe(4);
  });

  it('should score a submission racing a ground-truth change under the rules it was accepted with', async () => {
    for (let round = 0; round < 3; round++) {
      const event = await runningAiEvent(app);
      const made = await createTask(app, event, FIELDS, TRUTH);
      const { captain } = await ctfTeam(app, event, 1);

      const [edit, upload] = await Promise.all([patch(event, made.id, {}, { groundTruth: FLIPPED }), postSubmission(app, event, captain, made.id, RIGHT)]);

      expect(upload.status).toBe(202);
      const outcome = await settled(app, captain, upload.body.id);
      // Applied before the check started: scored under the flipped truth; refused (scored or running): the old one.
      if (edit.status === 200) expect(outcome.publicScore).toBe(0);
      else {
        expect(edit.status).toBe(409);
        expect(outcome.publicScore).toBe(1);
      }
    }
  });

  it('should refuse participants and other organisers, and answer 400 naming the field for bad input', async () => {
    const { event, taskId, captain } = await scoredTask();
    const other = await runningAiEvent(app);
    const sibling = await createTask(app, event, { ...FIELDS, name: 'taken' }, TRUTH);

    expect((await patch(event, taskId, { name: 'mine now' }, {}, captain.auth).expect(403)).body.code).toBe('not-organiser');
    await patch(event, taskId, { name: 'mine now' }, {}, other.organiser.auth).expect(403);
    // Through their own event, the other organiser does not reach this task.
    await patch(other, taskId, { name: 'mine now' }, {}, other.organiser.auth).expect(404);
    expect((await patch(event, taskId, { metric: 'nope' }).expect(400)).body.message).toMatch(/metric/);
    expect((await patch(event, taskId, { k: '5' }).expect(400)).body.message).toBe('k applies to map_at_k only');
    expect((await patch(event, taskId, { publicFraction: '0.5', splitColumn: 'usage' }).expect(400)).body.message).toBe('splitColumn and publicFraction exclude each other');
    expect((await patch(event, taskId, { bogus: 'x' }).expect(400)).body.message).toMatch(/bogus/);
    expect((await patch(event, taskId, { name: 'taken' }).expect(409)).body.code).toBe('task-name-taken');
    expect((await patch(event, sibling.id, { maxSubmissions: '0' }).expect(400)).body.message).toMatch(/maxSubmissions/);
    expect((await task(event, taskId)).name).toBe('sentiment');
  });
});
