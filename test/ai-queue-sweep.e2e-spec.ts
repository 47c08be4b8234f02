import { jobIds, QueueName, redisOptions } from '@arena/jobs';
import { SubmissionQueueSweeper } from '@arena/submissions';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createTask, labelledTruth, postSubmission, runningAiEvent, settled } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';

const TRUTH = labelledTruth(['a', 'b', 'a', 'b'], ['public', 'public', 'private', 'private']);
const PREDICTION = 'id,label\nr1,a\nr2,b\nr3,a\nr4,a\n';

// A check job lost between the commit and the enqueue (or with Redis's data) must not hold its team's slot for good.
describe('ai queue: checks whose job was lost', () => {
  let app: TestApp;
  let worker: INestApplicationContext | undefined;
  let checks: Queue;

  beforeAll(async () => {
    app = await createTestApp();
    checks = new Queue(QueueName.SubmissionChecks, { connection: redisOptions(process.env.REDIS_URL as string), prefix: process.env.BULLMQ_PREFIX });
  });

  afterAll(async () => {
    await checks.close();
    await worker?.close();
    await app.close();
  });

  it('should queue a lost check again so the submission is scored and its team gets its slot back', async () => {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { name: 'lost', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    const { captain } = await ctfTeam(app, event, 1);
    const first = await postSubmission(app, event, captain, task.id, PREDICTION).expect(202);
    // No worker runs yet: losing the job now is what an api crash after the commit, or a flushed Redis, leaves.
    await checks.remove(jobIds.check(first.body.id));
    expect(await checks.getJob(jobIds.check(first.body.id))).toBeUndefined();
    await postSubmission(app, event, captain, task.id, PREDICTION).expect(202);
    // Two in flight, one of them with no job: the team is held at the cap.
    await postSubmission(app, event, captain, task.id, PREDICTION).expect(429);

    worker = await startTestWorker();
    const sweeper = worker.get(SubmissionQueueSweeper);
    // Scoped to this task: suites running side by side share the database but not the queue (each its own prefix).
    expect(await sweeper.sweep(new Date(Date.now() + 60_000), task.id)).toBe(1);
    // A second sweep finds the job there (or the submission done) and adds nothing.
    expect(await sweeper.sweep(new Date(Date.now() + 60_000), task.id)).toBe(0);
    expect(await settled(app, captain, first.body.id)).toMatchObject({ status: 'scored', publicScore: 1 });
    await postSubmission(app, event, captain, task.id, PREDICTION).expect(202);
  });
});
