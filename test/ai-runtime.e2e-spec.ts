import { AppConfig } from '@arena/config';
import { SandboxRunner } from '@arena/sandbox';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { spawn } from 'child_process';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createTask, labelledTruth, runningAiEvent, submitAndSettle } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';
import { zipOf } from './utils/zip-writer';

// Public rows r1..r2, private r3..r4; the code below predicts every row right.
const TRUTH = labelledTruth(['a', 'b', 'a', 'b'], ['public', 'public', 'private', 'private']);
const INPUTS = zipOf({ 'test.csv': 'id,hint\nr1,a\nr2,b\nr3,a\nr4,b\n' });
// A participant's `run` using pandas and scikit-learn (the label is the hint column, through a fitted encoder).
const PANDAS_CODE = zipOf({
  run: '#!/bin/sh\nexec python3 predict.py\n',
  'predict.py': [
    'import pandas as pd',
    'from sklearn.preprocessing import LabelEncoder',
    "test = pd.read_csv('input/test.csv')",
    "encoder = LabelEncoder().fit(test['hint'])",
    "pd.DataFrame({'id': test['id'], 'label': encoder.inverse_transform(encoder.transform(test['hint']))}).to_csv('output/predictions.csv', index=False)",
    "print('pandas', pd.__version__)",
  ].join('\n'),
});

/** A worker whose machine lacks bubblewrap (the runner finds no bwrap on the PATH). */
class NoBubblewrapRunner extends SandboxRunner {
  protected override locate(binary: string): string | null {
    return binary === 'bwrap' ? null : super.locate(binary);
  }
}

describe('the python-scientific runtime and the sandbox status (real worker, real sandbox)', () => {
  let app: TestApp;
  let worker: INestApplicationContext | null = null;
  let sandboxDir: string;
  const savedSandboxDir = process.env.SANDBOX_DIR;

  beforeAll(async () => {
    app = await createTestApp();
    await app.app.listen(0, '127.0.0.1');
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-runtime-'));
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

  /** scripts/sandbox-check.mjs against this suite's api, as npm start runs it after the banner. */
  const sandboxCheck = () =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const url = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
      const child = spawn(process.execPath, [join(__dirname, '..', 'scripts', 'sandbox-check.mjs'), url], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.on('close', (code) => resolve({ code, stdout }));
    });

  const codeTask = (event: TestEvent, runtime?: string) =>
    createTask(
      app,
      event,
      { name: 'code', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', submissionType: 'code', ...(runtime ? { runtime } : {}) },
      TRUTH,
      { testInputs: { content: INPUTS, filename: 'inputs.zip' } },
    );

  /** /health's sandbox detail once a worker of this suite has reported one matching `ready`. */
  const sandboxDetail = (ready: boolean) =>
    eventually(async () => {
      const response = await app.http().get('/health');
      const detail = response.body.details?.sandbox;
      return detail && detail.ready === ready && detail.workers.length > 0 ? { status: response.status, detail } : undefined;
    }, 30_000);

  it("should report the sandbox ready and the runtime's Debian package versions in /health", async () => {
    const { status, detail } = await sandboxDetail(true);
    expect(status).toBe(200);
    expect(detail).toMatchObject({ status: 'up', ready: true, reason: null, isolation: expect.stringMatching(/^bubblewrap/) });
    const scientific = detail.runtimes['python-scientific'];
    expect(scientific).toMatchObject({ ready: true, missing: [] });
    expect(Object.keys(scientific.versions).sort()).toEqual(['numpy', 'pandas', 'python', 'scikit-learn', 'scipy']);
    expect(scientific.versions.python).toMatch(/^3\.\d+\.\d+$/);
    expect(detail.runtimes.python).toMatchObject({ ready: true, versions: { python: scientific.versions.python } });
  });

  it("should print npm start's sandbox line with the runtime's versions", async () => {
    await sandboxDetail(true);
    const { code, stdout } = await sandboxCheck();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}sandbox {4}ready \(bubblewrap.*\); python-scientific: python 3\.\d+\.\d+, numpy \d.*, scikit-learn \d/);
  });

  it('should record with a new task the versions its runtime has, so results can be reproduced', async () => {
    const { detail } = await sandboxDetail(true);
    const event = await runningAiEvent(app);
    const task = await codeTask(event);
    expect(task).toMatchObject({ runtime: 'python-scientific', runtimeVersions: detail.runtimes['python-scientific'].versions });
  });

  it('should let a code submission import pandas and scikit-learn in the python-scientific runtime', async () => {
    const event = await runningAiEvent(app);
    const task = await codeTask(event);
    const { captain } = await ctfTeam(app, event, 1);
    const done = await submitAndSettle(app, event, captain, task.id, PANDAS_CODE, 'code.zip', {}, 60_000);
    expect(done).toMatchObject({ status: 'scored', publicScore: 1, failureReason: null });
    const organiser = await app.http().get(`/api/v1/submissions/${done.id}`).set('Authorization', event.organiser.auth).expect(200);
    expect(organiser.body.report.output[0].stdout).toMatch(/^pandas \d+\.\d+/);
  });

  it('should hide the scientific packages from a task of the plain python runtime', async () => {
    const event = await runningAiEvent(app);
    const task = await codeTask(event, 'python');
    expect(task.runtime).toBe('python');
    const { captain } = await ctfTeam(app, event, 1);
    const done = await submitAndSettle(app, event, captain, task.id, PANDAS_CODE, 'code.zip', {}, 60_000);
    expect(done).toMatchObject({ status: 'failed', failureReason: 'runtime-error' });
    const organiser = await app.http().get(`/api/v1/submissions/${done.id}`).set('Authorization', event.organiser.auth).expect(200);
    expect(organiser.body.report.output[0].stderr).toMatch(/No module named 'pandas'/);
  });

  describe('on a worker without bubblewrap', () => {
    beforeAll(async () => {
      await worker?.close();
      const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
        .overrideProvider(SandboxRunner)
        .useFactory({ factory: (config: AppConfig) => new NoBubblewrapRunner(config), inject: [AppConfig] })
        .compile();
      moduleRef.useLogger(false);
      worker = await moduleRef.init();
    });

    it("should fail a custom scorer's submission saying that the sandbox is unavailable on the worker", async () => {
      const event = await runningAiEvent(app);
      const fields = {
        name: 'custom',
        metric: 'custom',
        idColumn: 'id',
        targetColumn: 'label',
        splitColumn: 'usage',
        scorerCommand: 'python3 score.py',
        scoreKey: 'acc',
        higherIsBetter: 'true',
      };
      const task = await createTask(app, event, fields, TRUTH, { scorer: { content: 'print(1)', filename: 'score.py' } });
      const { captain } = await ctfTeam(app, event, 1);
      const done = await submitAndSettle(app, event, captain, task.id, 'id,label\nr1,a\nr2,b\nr3,a\nr4,b\n');
      expect(done).toMatchObject({ status: 'failed', failureReason: 'system-error' });
      expect(done.report.messages.join(' ')).toMatch(/^the sandbox is unavailable on the worker checking it: bubblewrap \(bwrap\) is not installed/);
      expect(done.report.messages.join(' ')).not.toMatch(/stopped repeatedly/);
    });

    it('should say in /health why the sandbox is not ready, and stay 200', async () => {
      const { status, detail } = await sandboxDetail(false);
      expect(status).toBe(200);
      expect(detail.reason).toMatch(/the sandbox is unavailable on this worker: bubblewrap \(bwrap\) is not installed/);
    });

    it("should warn in npm start's banner which contest kinds will fail and how to fix it", async () => {
      await sandboxDetail(false);
      const { code, stdout } = await sandboxCheck();
      expect(code).toBe(1);
      expect(stdout).toMatch(
        /^ {2}WARNING {4}the sandbox is unavailable on this worker: .*AI custom scorers, AI code submissions and hackathon automated checks will fail; fix: apt-get install -y bubblewrap/,
      );
      expect(stdout.trim().split('\n')).toHaveLength(1);
    });
  });
});
