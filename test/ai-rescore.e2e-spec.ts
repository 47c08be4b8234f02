import { jobIds, QueueName, redisOptions } from '@arena/jobs';
import { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { createTask, labelledTruth, postSubmission, runningAiEvent, settled } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';

const TRUTH = labelledTruth(['a', 'b', 'a', 'b'], ['public', 'public', 'private', 'private']);
const PREDICTION = 'id,label\nr1,a\nr2,b\nr3,a\nr4,a\n';

// POST /submissions/:id/rescore: organisers queue again a submission the platform failed to check (system-error);
// never one that failed for its own content or is scored, and two clicks queue it once (the UPDATE decides).
describe('ai re-score of a system failure', () => {
  let app: TestApp;
  let worker: INestApplicationContext | undefined;
  let checks: Queue;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    dataSource = app.app.get(DataSource);
    checks = new Queue(QueueName.SubmissionChecks, { connection: redisOptions(process.env.REDIS_URL as string), prefix: process.env.BULLMQ_PREFIX });
  });

  afterAll(async () => {
    await checks.close();
    await worker?.close();
    await app.close();
  });

  const rescore = (auth: string, id: string) => app.http().post(`/api/v1/submissions/${id}/rescore`).set('Authorization', auth);

  /** A submission left as a check the platform could not run leaves it (what giveUp writes after the last retry). */
  async function systemFailure(event: TestEvent, taskId: string, auth: string): Promise<string> {
    const { body } = await app
      .http()
      .post(`/api/v1/events/${event.slug}/tasks/${taskId}/submissions`)
      .set('Authorization', auth)
      .attach('file', Buffer.from(PREDICTION), 'p.csv')
      .expect(202);
    await dataSource.query(
      `UPDATE submissions SET status = 'failed', failure_reason = 'system-error', scored_at = now(),
              report = '{"messages": ["the check could not run: an infrastructure error persisted after every retry"]}' WHERE id = $1`,
      [body.id],
    );
    return body.id;
  }

  // First, while no worker runs: a job this test takes by hand is the only one that can be active.
  it('should answer 409 and change nothing while the previous check is still running, then queue it once it has finished', async () => {
    await checks.drain(true);
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { name: 'locked', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    const { captain } = await ctfTeam(app, event, 1);
    const id = await systemFailure(event, task.id, captain.auth);
    // The check's job is still active (a last attempt ending, a worker hung past the sweep) and locked by its worker.
    const taker = new Worker(QueueName.SubmissionChecks, null, {
      connection: redisOptions(process.env.REDIS_URL as string),
      prefix: process.env.BULLMQ_PREFIX,
      lockDuration: 120_000,
    });
    try {
      const token = 'hung-worker';
      const job = await taker.getNextJob(token, { block: false });
      expect(job?.id).toBe(jobIds.check(id));
      const refused = await rescore(event.organiser.auth, id).expect(409);
      expect(refused.body.message).toMatch(/previous check is still active/);
      expect((await app.http().get(`/api/v1/submissions/${id}`).set('Authorization', event.organiser.auth)).body).toMatchObject({
        status: 'failed',
        failureReason: 'system-error',
      });
      expect(await checks.getJobState(jobIds.check(id))).toBe('active');

      await job?.moveToCompleted('the hung run ended', token, false);
      expect((await rescore(event.organiser.auth, id).expect(202)).body).toEqual({ id, status: 'queued' });
      expect(await checks.getJobState(jobIds.check(id))).toMatch(/waiting|prioritized/);
    } finally {
      await taker.close();
    }
  });

  it('should refuse the team and other users with 403, queue it once for two concurrent organiser clicks, then score it', async () => {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { name: 'rescore', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    const { captain } = await ctfTeam(app, event, 1);
    const stranger = await registerUser(app);
    const id = await systemFailure(event, task.id, captain.auth);

    expect((await rescore(captain.auth, id).expect(403)).body.statusCode).toBe(403);
    await rescore(stranger.auth, id).expect(403);
    // The team's refusal changed nothing.
    expect((await app.http().get(`/api/v1/submissions/${id}`).set('Authorization', event.organiser.auth)).body).toMatchObject({ status: 'failed', failureReason: 'system-error' });

    const answers = await Promise.all([rescore(event.organiser.auth, id), rescore(event.organiser.auth, id)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    expect(answers.find((answer) => answer.status === 202)?.body).toEqual({ id, status: 'queued' });
    expect(answers.find((answer) => answer.status === 409)?.body.message).toMatch(/queued already/);
    const job = await checks.getJob(jobIds.check(id));
    expect(await job?.getState()).toMatch(/waiting|prioritized/);
    const listed = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', event.organiser.auth).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id, status: 'queued', failureReason: null, report: { messages: [] } })]);

    worker = await startTestWorker();
    expect(await settled(app, captain, id)).toMatchObject({ status: 'scored', publicScore: 1, failureReason: null });
    // Scored now: a further click is refused and changes nothing.
    expect((await rescore(event.organiser.auth, id).expect(409)).body.message).toMatch(/scored already/);
    expect((await app.http().get(`/api/v1/submissions/${id}`).set('Authorization', captain.auth)).body).toMatchObject({ status: 'scored', publicScore: 1 });
  });

  it("should refuse a submission that failed for the team's own file with 409, and an unknown one with 404", async () => {
    worker ??= await startTestWorker();
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { name: 'content', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    const { captain } = await ctfTeam(app, event, 1);
    const { body } = await postSubmission(app, event, captain, task.id, 'id,label\nr1,a\n').expect(202);
    expect(await settled(app, captain, body.id)).toMatchObject({ status: 'failed', failureReason: 'invalid-file' });
    const refused = await rescore(event.organiser.auth, body.id).expect(409);
    expect(refused.body.message).toMatch(/failed for its content \(invalid-file\)/);
    expect((await app.http().get(`/api/v1/submissions/${body.id}`).set('Authorization', captain.auth)).body).toMatchObject({ status: 'failed', failureReason: 'invalid-file' });
    await rescore(event.organiser.auth, '00000000-0000-4000-8000-000000000000').expect(404);
  });

  it("should name each submission's team for the organisers' list", async () => {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { name: 'names', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    const { captain, team } = await ctfTeam(app, event, 1);
    const id = await systemFailure(event, task.id, captain.auth);
    const listed = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', event.organiser.auth).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id, teamId: team.id, teamName: team.name })]);
  });
});
