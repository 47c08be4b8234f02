import { QueueName, redisOptions } from '@arena/jobs';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createTask, endEvent, labelledTruth, runningAiEvent, submitAndSettle, viewSubmission } from './factories/ai.factory';
import { ctfTeam, leaderboard } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

// Every label "a"; rows r1..r4 public, r5..r8 private: a prediction's scores are its share of "a"s on each half.
const TRUTH = labelledTruth(Array(8).fill('a'), [...Array(4).fill('public'), ...Array(4).fill('private')]);
const predict = (pub: number, priv: number) =>
  ['id,label', ...Array.from({ length: 8 }, (_, i) => `r${i + 1},${(i < 4 ? i < pub : i - 4 < priv) ? 'a' : 'b'}`)].join('\n') + '\n';

describe('ai integrity: finals fixed at the close', () => {
  let app: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
  });

  /** Resolves once no job of the queue waits, is delayed or runs (e.g. no board recompute is pending). */
  async function drained(name: QueueName): Promise<void> {
    const queue = new Queue(name, { connection: redisOptions(process.env.REDIS_URL as string), prefix: process.env.BULLMQ_PREFIX });
    try {
      await eventually(async () => {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'paused');
        return Object.values(counts).every((count) => count === 0) ? true : undefined;
      }, 15_000);
    } finally {
      await queue.close();
    }
  }

  const mark = (user: TestUser, id: string, final: boolean) => app.http().put(`/api/v1/submissions/${id}/final`).set('Authorization', user.auth).send({ final });

  /** A team with three scored submissions: 1.00/0.25, 0.75/0.50 and 0.50/1.00 (public/private). */
  async function teamWithThree() {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { name: 'finals', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    const { captain, team } = await ctfTeam(app, event, 1);
    const scored = [];
    for (const [pub, priv] of [[4, 1], [3, 2], [2, 4]]) scored.push(await submitAndSettle(app, event, captain, task.id, predict(pub, priv)));
    return { event, task, captain, team, scored };
  }

  const privateBoard = (event: TestEvent, task: Record<string, any>) =>
    leaderboard(app, event, `?task=${task.id}&board=private`, event.organiser.auth).expect(200).then((response) => response.body.rows.map((row: any) => row.score));

  it('should refuse to change finals with 409 once the task has closed, after the team has read its private scores', async () => {
    const { event, task, captain, scored } = await teamWithThree();
    await mark(captain, scored[0].id, true).expect(200);
    await endEvent(app, event);
    // The attack: read every private score, then pick the best one as final.
    const privates = await Promise.all(scored.map(async (row) => (await viewSubmission(app, captain.auth, row.id).expect(200)).body.privateScore));
    expect(privates).toEqual([0.25, 0.5, 1]);
    expect((await mark(captain, scored[2].id, true).expect(409)).body.code).toBe('finals-closed');
    expect((await mark(captain, scored[0].id, false).expect(409)).body.code).toBe('finals-closed');
    const list = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', captain.auth).expect(200);
    expect(list.body.filter((row: { selectedFinal: boolean }) => row.selectedFinal).map((row: { id: string }) => row.id)).toEqual([scored[0].id]);
    // The private board keeps the final chosen before the close.
    await eventually(async () => ((await privateBoard(event, task))[0] === 0.25 ? true : undefined), 15_000);
  });

  it("should recompute the organisers' private board when finals change before the close", async () => {
    const { event, task, captain, scored } = await teamWithThree();
    // No finals: the best private score among the 2 best public ones (0.75/0.50).
    await eventually(async () => ((await privateBoard(event, task))[0] === 0.5 ? true : undefined), 15_000);
    await drained(QueueName.Leaderboards);
    expect(await privateBoard(event, task)).toEqual([0.5]);
    await mark(captain, scored[2].id, true).expect(200);
    await eventually(async () => ((await privateBoard(event, task))[0] === 1 ? true : undefined), 15_000);
    await mark(captain, scored[2].id, false).expect(200);
    await mark(captain, scored[0].id, true).expect(200);
    await eventually(async () => ((await privateBoard(event, task))[0] === 0.25 ? true : undefined), 15_000);
  }, 60_000);
});
