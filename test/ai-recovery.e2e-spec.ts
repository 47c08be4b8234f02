import { jobIds, QueueName } from '@arena/jobs';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'child_process';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { blobFilesWith, createTask, labelledTruth, postSubmission, runningAiEvent, settled, viewSubmission } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';
import { zipOf } from './utils/zip-writer';

const ROOT = resolve(__dirname, '..');
const TRUTH = labelledTruth(['pos', 'neg'], ['public', 'private']);
const INPUTS = zipOf({ 'test.csv': 'id,x\nr1,1\nr2,-1\n' });
// Sleeps ~5 s (a window to kill the worker in), then predicts both rows right. Bounded by `timeout` in any case.
const SLOW_CODE = zipOf({ run: "#!/bin/sh\nsleep 5\nprintf 'id,label\\nr1,pos\\nr2,neg\\n' > output/predictions.csv\necho done sleeping\n" });

describe('ai worker recovery (a worker killed mid-job, infrastructure failures)', () => {
  let app: TestApp;
  let sandboxDir: string;
  let queue: Queue;
  const children: ChildProcess[] = [];
  const workers: INestApplicationContext[] = [];
  const saved = { WORKER_LOCK_SECONDS: process.env.WORKER_LOCK_SECONDS, SANDBOX_DIR: process.env.SANDBOX_DIR };

  beforeAll(async () => {
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-ai-recovery-'));
    chmodSync(sandboxDir, 0o755);
    Object.assign(process.env, { WORKER_LOCK_SECONDS: '2', SANDBOX_DIR: sandboxDir });
    queue = new Queue(QueueName.SubmissionChecks, { connection: { url: process.env.REDIS_URL }, prefix: process.env.BULLMQ_PREFIX });
  });

  afterEach(async () => {
    for (const child of children.splice(0)) killGroup(child);
    for (const worker of workers.splice(0)) await worker.close();
  });

  afterAll(async () => {
    await queue.close();
    await app.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(sandboxDir, { recursive: true, force: true });
  });

  /** The real worker binary in its own process group, with the harness's environment. */
  function spawnWorker(): ChildProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, WORKER_LOCK_SECONDS: '2', SANDBOX_DIR: sandboxDir, TS_NODE_PROJECT: 'tsconfig.json', LOG_LEVEL: 'silent' },
      detached: true,
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  function killGroup(child: ChildProcess): void {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  async function inProcessWorker(): Promise<INestApplicationContext> {
    const worker = await startTestWorker();
    workers.push(worker);
    return worker;
  }

  async function codeTask() {
    const event = await runningAiEvent(app);
    const fields = {
      name: 'slow',
      metric: 'accuracy',
      idColumn: 'id',
      targetColumn: 'label',
      splitColumn: 'usage',
      submissionType: 'code',
      limits: JSON.stringify({ wallSeconds: 30 }),
    };
    const task = await createTask(app, event, fields, TRUTH, { testInputs: { content: INPUTS, filename: 'inputs.zip' } });
    const { captain } = await ctfTeam(app, event, 1);
    return { event, task, captain };
  }

  /** The BullMQ job of a submission, read straight from Redis. */
  const jobOf = (submissionId: string) => queue.getJob(jobIds.check(submissionId));

  const statusOf = async (auth: string, id: string) => (await viewSubmission(app, auth, id).expect(200)).body;

  it('should pick the job up again and score it once when the worker is killed mid-job', async () => {
    const { event, task, captain } = await codeTask();
    const child = spawnWorker();
    const accepted = await postSubmission(app, event, captain, task.id, SLOW_CODE, 'code.zip').expect(202);
    const id = accepted.body.id as string;
    await eventually(async () => ((await statusOf(captain.auth, id)).status === 'running' ? true : undefined), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // inside its 5 s sleep
    killGroup(child);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await statusOf(captain.auth, id)).status).toBe('running');

    await inProcessWorker();
    const done = await settled(app, captain, id, 40_000);
    expect(done).toMatchObject({ status: 'scored', publicScore: 1, failureReason: null });
    expect(done.report.runs).toEqual([{ step: 'code', verdict: 'ok', limit: null }]);
    expect((await viewSubmission(app, event.organiser.auth, id)).body.report.output).toEqual([expect.objectContaining({ step: 'code', stdout: 'done sleeping\n' })]);
    expect((await viewSubmission(app, event.organiser.auth, id)).body.privateScore).toBe(1);
    // Scored once: the outcome does not change afterwards, and the job completed after exactly one stall.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await statusOf(captain.auth, id)).toEqual(done);
    const job = await jobOf(id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.stalledCounter).toBe(1);
  }, 120_000);

  it('should keep renewing its lock so that a job longer than the lock period never stalls on a live worker', async () => {
    const { event, task, captain } = await codeTask();
    await inProcessWorker();
    const id = (await postSubmission(app, event, captain, task.id, SLOW_CODE, 'code.zip').expect(202)).body.id as string;
    expect(await settled(app, captain, id, 40_000)).toMatchObject({ status: 'scored', publicScore: 1 });
    const job = await jobOf(id);
    expect({ state: await job?.getState(), stalled: job?.stalledCounter }).toEqual({ state: 'completed', stalled: 0 });
  }, 60_000);

  it('should end failed with system-error, never running, when the worker dies on every try', async () => {
    const { event, task, captain } = await codeTask();
    const id = (await postSubmission(app, event, captain, task.id, SLOW_CODE, 'code.zip').expect(202)).body.id as string;
    for (let round = 0; round < 2; round += 1) {
      const child = spawnWorker();
      const startedBefore = (await jobOf(id))?.processedOn ?? 0;
      // Wait until this worker has taken the job (a fresh start time), then kill it mid-run.
      await eventually(
        async () => {
          const job = await jobOf(id);
          return job?.processedOn && job.processedOn > startedBefore && (await job.getState()) === 'active' ? true : undefined;
        },
        60_000,
        200,
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      killGroup(child);
      expect((await statusOf(captain.auth, id)).status).toBe('running');
    }
    await inProcessWorker();
    const done = await settled(app, captain, id, 40_000);
    expect(done).toMatchObject({ status: 'failed', failureReason: 'system-error', publicScore: null });
    expect(done.report.messages).toEqual(['the check could not run: the worker checking it stopped repeatedly']);
  }, 180_000);

  it('should retry an infrastructure error and end failed with system-error after the last try', async () => {
    const event = await runningAiEvent(app);
    const truth = labelledTruth(['only-this-task', 'b'], ['public', 'private']);
    const task = await createTask(app, event, { name: 'lost', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' }, truth);
    const { captain } = await ctfTeam(app, event, 1);
    // The ground truth's blob vanishes (a lost disk, a bad deploy): every attempt fails the same way.
    const blobs = blobFilesWith(truth);
    expect(blobs).toHaveLength(1);
    rmSync(blobs[0]);
    await inProcessWorker();
    const id = (await postSubmission(app, event, captain, task.id, 'id,label\nr1,a\nr2,b\n').expect(202)).body.id as string;
    const done = await settled(app, captain, id, 40_000);
    expect(done).toMatchObject({ status: 'failed', failureReason: 'system-error', publicScore: null });
    expect(done.report.messages).toEqual(['the check could not run: an infrastructure error persisted after every retry']);
    expect(JSON.stringify(done)).not.toContain(process.env.BLOB_DIR as string);
    const job = await jobOf(id);
    expect(job?.attemptsMade).toBe(3);
    expect(await job?.getState()).toBe('failed');
  }, 60_000);
});
