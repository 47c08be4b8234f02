import { QueueName, redisOptions } from '@arena/jobs';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTask, endEvent, labelledTruth, postSubmission, runningAiEvent, settled, submitAndSettle, viewSubmission } from './factories/ai.factory';
import { ctfTeam, leaderboard } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';
import { zipOf } from './utils/zip-writer';

// Every label "a"; rows r1..r4 public, r5..r8 private: a prediction's scores are its share of "a"s on each half.
const TRUTH = labelledTruth(Array(8).fill('a'), [...Array(4).fill('public'), ...Array(4).fill('private')]);
const predict = (pub: number, priv: number) => ['id,label', ...Array.from({ length: 8 }, (_, i) => `r${i + 1},${(i < 4 ? i < pub : i - 4 < priv) ? 'a' : 'b'}`)].join('\n') + '\n';

const queueOf = (name: QueueName) => new Queue(name, { connection: redisOptions(process.env.REDIS_URL as string), prefix: process.env.BULLMQ_PREFIX });

// One worker slot, so the order in which the worker serves submissions is the order they are scored in.
describe('ai integrity: finals fixed at the close, what teams see of a run, the in-flight cap and fair service', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let checks: Queue;
  let sandboxDir: string;
  const saved = { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY, SANDBOX_DIR: process.env.SANDBOX_DIR };

  beforeAll(async () => {
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-ai-integrity-'));
    chmodSync(sandboxDir, 0o755);
    process.env.SANDBOX_DIR = sandboxDir;
    process.env.WORKER_CONCURRENCY = '1';
    worker = await startTestWorker();
    checks = queueOf(QueueName.SubmissionChecks);
  });

  afterAll(async () => {
    await checks?.resume();
    await checks?.close();
    await worker?.close();
    await app?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(sandboxDir, { recursive: true, force: true });
  });

  /**
   * Resolves once no job of the queue waits or runs (e.g. no board recompute is pending). Delayed jobs are left out:
   * suites run before this one in the same jest worker share the queue and may leave recomputes scheduled for their
   * own events' freezes and ends; this suite's events end a day from now.
   */
  async function drained(name: QueueName): Promise<void> {
    const queue = queueOf(name);
    try {
      await eventually(async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'paused');
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
    for (const [pub, priv] of [
      [4, 1],
      [3, 2],
      [2, 4],
    ])
      scored.push(await submitAndSettle(app, event, captain, task.id, predict(pub, priv)));
    return { event, task, captain, team, scored };
  }

  const privateBoard = (event: TestEvent, task: Record<string, any>) =>
    leaderboard(app, event, `?task=${task.id}&board=private`, event.organiser.auth)
      .expect(200)
      .then((response) => response.body.rows.map((row: any) => row.score));

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

  /** A running event with one accuracy task, and a team of one. */
  async function queueTask(name = 'queue') {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { name, metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    return { event, task, ...(await ctfTeam(app, event, 1)) };
  }

  it('should accept exactly 2 of 20 concurrent uploads of one team to one task, answer 429 with Retry-After to the rest, and free a slot on a refunded failure', async () => {
    const { event, task, captain } = await queueTask();
    const other = await ctfTeam(app, event, 1);
    const second = await createTask(app, event, { name: 'second', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, TRUTH);
    let accepted: string[];
    await checks.pause(); // nothing finishes meanwhile, so no slot frees up during the attack
    try {
      // The attack: flood the queue before a deadline with malformed files (failures are refunded).
      const responses = await Promise.all(Array.from({ length: 20 }, () => postSubmission(app, event, captain, task.id, 'id,label\nr1,a\n')));
      expect(responses.map((response) => response.status).sort()).toEqual([...Array(2).fill(202), ...Array(18).fill(429)]);
      for (const refused of responses.filter((response) => response.status === 429)) {
        expect(refused.body.code).toBe('in-flight-limit');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      }
      accepted = responses.filter((response) => response.status === 202).map((response) => response.body.id);
      // The cap is per team and per task.
      await postSubmission(app, event, other.captain, task.id, predict(4, 4)).expect(202);
      await postSubmission(app, event, captain, second.id, predict(4, 4)).expect(202);
    } finally {
      await checks.resume();
    }
    // Both fail (refunded) and leave the count: two slots are free again, not three.
    for (const id of accepted) expect(await settled(app, captain, id)).toMatchObject({ status: 'failed', failureReason: 'invalid-file' });
    await checks.pause();
    try {
      await postSubmission(app, event, captain, task.id, predict(4, 4)).expect(202);
      await postSubmission(app, event, captain, task.id, predict(4, 4)).expect(202);
      expect((await postSubmission(app, event, captain, task.id, predict(4, 4)).expect(429)).body.code).toBe('in-flight-limit');
    } finally {
      await checks.resume();
    }
  }, 60_000);

  it("should check another team's first submission before a team's second one (round-robin, not first come first served)", async () => {
    const { event, task, captain: alpha } = await queueTask();
    const beta = await ctfTeam(app, event, 1);
    await checks.pause();
    let ids: Record<'a1' | 'a2' | 'b1', string>;
    try {
      const a1 = (await postSubmission(app, event, alpha, task.id, predict(4, 4)).expect(202)).body.id;
      const a2 = (await postSubmission(app, event, alpha, task.id, predict(3, 3)).expect(202)).body.id;
      const b1 = (await postSubmission(app, event, beta.captain, task.id, predict(2, 2)).expect(202)).body.id;
      ids = { a1, a2, b1 };
    } finally {
      await checks.resume();
    }
    const scoredAt = async (id: string) => Date.parse((await settled(app, event.organiser, id)).scoredAt);
    const [a1, a2, b1] = [await scoredAt(ids.a1), await scoredAt(ids.a2), await scoredAt(ids.b1)];
    expect(a1).toBeLessThan(b1);
    expect(b1).toBeLessThan(a2);
  }, 60_000);

  describe('what teams see of a run', () => {
    const HIDDEN_LABEL = 'private-label-4d7e'; // only the private rows of the ground truth hold it
    const HIDDEN_INPUT = 'hidden-input-9b2c'; // only the hidden test inputs hold it
    // Public rows all "a"; private: one "a", two hidden labels. Predicting "a" everywhere: public 1, private 1/3.
    const truth = labelledTruth(['a', 'a', 'a', 'a', HIDDEN_LABEL, HIDDEN_LABEL], ['public', 'public', 'public', 'private', 'private', 'private']);
    const allA = 'id,label\nr1,a\nr2,a\nr3,a\nr4,a\nr5,a\nr6,a\n';
    const organiserView = async (event: TestEvent, id: string) => (await viewSubmission(app, event.organiser.auth, id).expect(200)).body;

    it("should show the team neither a scorer's printed private score nor the ground truth it prints, and the organiser both", async () => {
      // A Codabench-style scorer that prints its score and the truth, as many do while debugging.
      const scorer = `import csv, json, sys
truth = {row['id']: row['label'] for row in csv.DictReader(open('input/ref/truth.csv'))}
pred = {row['id']: row['label'] for row in csv.DictReader(open('input/res/predictions.csv'))}
score = sum(pred.get(key) == label for key, label in truth.items()) / len(truth)
print('SCORE=%r truth=%s' % (score, sorted(truth.values())))
print('stderr truth=%s' % sorted(truth.values()), file=sys.stderr)
json.dump({'acc': score}, open('output/scores.json', 'w'))
`;
      const event = await runningAiEvent(app);
      const fields = {
        name: 'printing',
        metric: 'custom',
        idColumn: 'id',
        targetColumn: 'label',
        splitColumn: 'usage',
        scorerCommand: 'python3 score.py',
        scoreKey: 'acc',
        higherIsBetter: 'true',
      };
      const task = await createTask(app, event, fields, truth, { scorer: { content: scorer, filename: 'score.py' } });
      const { captain } = await ctfTeam(app, event, 1);
      const done = await submitAndSettle(app, event, captain, task.id, allA);
      expect(done).toMatchObject({ status: 'scored', publicScore: 1, privateScore: null });
      const list = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', captain.auth).expect(200);
      for (const seen of [done, list.body]) {
        expect(JSON.stringify(seen)).not.toMatch(/SCORE=|0\.333|truth=/);
        expect(JSON.stringify(seen)).not.toContain(HIDDEN_LABEL);
      }
      expect(done.report).toEqual({
        messages: [],
        runs: [
          { step: 'scorer (public)', verdict: 'ok', limit: null },
          { step: 'scorer (private)', verdict: 'ok', limit: null },
        ],
      });
      const full = await organiserView(event, done.id);
      expect(full.report.output[1]).toMatchObject({ step: 'scorer (private)', stdout: expect.stringContaining('SCORE=0.3333333333333333') });
      expect(full.report.output[1].stderr).toContain(HIDDEN_LABEL);
    }, 60_000);

    it('should show the team none of the hidden inputs a code submission prints or writes into its predictions, and the organiser all', async () => {
      const event = await runningAiEvent(app);
      const inputs = zipOf({ 'test.csv': `id,x\nr1,${HIDDEN_INPUT}\nr2,1\nr3,1\nr4,1\nr5,1\nr6,1\n` });
      const fields = { name: 'code', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', submissionType: 'code' };
      const task = await createTask(app, event, fields, truth, { testInputs: { content: inputs, filename: 'inputs.zip' } });
      const { captain } = await ctfTeam(app, event, 1);
      // The attack: print the hidden inputs on both streams, and carry them out as an "id" in the predictions too.
      const printing = zipOf({
        run: `#!/bin/sh\ncat input/test.csv\ncat input/test.csv >&2\nprintf 'id,label\\n%s,a\\n' "$(sed -n 2p input/test.csv | cut -d, -f2)" > output/predictions.csv\n`,
      });
      const done = await submitAndSettle(app, event, captain, task.id, printing, 'code.zip', {}, 60_000);
      expect(done).toMatchObject({ status: 'failed', failureReason: 'invalid-file' });
      // The row number is the program's choice too: the team learns only that the file is not valid.
      expect(done.report.messages).toEqual(["your code's output/predictions.csv is not valid: see the task's format"]);
      expect(done.report.runs).toEqual([{ step: 'code', verdict: 'ok', limit: null }]);
      expect(JSON.stringify(done)).not.toContain(HIDDEN_INPUT);
      const full = await organiserView(event, done.id);
      expect(full.report.output[0].stdout).toContain(HIDDEN_INPUT);
      expect(full.report.output[0].stderr).toContain(HIDDEN_INPUT);
      expect(full.report.organiserMessages.join(' ')).toContain(HIDDEN_INPUT);
      expect(full.report.runs[0].wallMs).toBeGreaterThan(0);
    }, 60_000);

    it('should show the team no exit code, byte offset or line a code submission derives from the hidden inputs, and the organiser all', async () => {
      const event = await runningAiEvent(app);
      // r1's x is the exit code to carry out, r2's the line of the bad byte.
      const inputs = zipOf({ 'test.csv': 'id,x\nr1,173\nr2,141\nr3,1\nr4,1\nr5,1\nr6,1\n' });
      const fields = { name: 'numbers', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', submissionType: 'code' };
      const task = await createTask(app, event, fields, truth, { testInputs: { content: inputs, filename: 'inputs.zip' } });
      const { captain } = await ctfTeam(app, event, 1);
      const x = (row: number) => `$(sed -n ${row + 1}p input/test.csv | cut -d, -f2)`;
      // The attack: exit with a hidden value; put an invalid byte on a line (and so at an offset) chosen by another.
      const exiting = zipOf({
        run: `#!/bin/sh
exit ${x(1)}
`,
      });
      const malformed = zipOf({
        run: `#!/bin/sh
{ printf 'id,label\\n'; i=2; while [ $i -lt ${x(2)} ]; do echo; i=$((i+1)); done; printf 'r1,\\377\\n'; } > output/predictions.csv
`,
      });
      const exited = await submitAndSettle(app, event, captain, task.id, exiting, 'code.zip', {}, 60_000);
      const invalid = await submitAndSettle(app, event, captain, task.id, malformed, 'code.zip', {}, 60_000);
      expect(exited).toMatchObject({ status: 'failed', failureReason: 'runtime-error', report: { messages: ['your code: the program failed'] } });
      expect(invalid).toMatchObject({
        status: 'failed',
        failureReason: 'invalid-file',
        report: { messages: ["your code's output/predictions.csv is not valid: see the task's format"] },
      });
      const list = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/submissions`).set('Authorization', captain.auth).expect(200);
      for (const seen of [exited, invalid, list.body]) expect(JSON.stringify(seen)).not.toMatch(/\b(173|141|151)\b|exit code|offset|line /);
      expect((await organiserView(event, exited.id)).report.organiserMessages).toEqual(['your code: the program failed (exit code 173)']);
      expect((await organiserView(event, invalid.id)).report.organiserMessages.join(' ')).toMatch(/line 141\b/);
    }, 90_000);
  });
});
