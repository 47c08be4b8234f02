import { loadConfig } from '@arena/config';
import { CgroupLimits, SandboxRunner } from '@arena/sandbox';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createTask, labelledTruth, runningAiEvent, submitAndSettle } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { createTestApp, PRODUCTION_HASH_ENV, TestApp } from './utils/test-app';
import { zipOf } from './utils/zip-writer';

// The shipped Docker shape: bubblewrap, but a worker that is not root (no uid per run) and has no cgroup.
class SharedLimitsRunner extends SandboxRunner {
  protected override perRunUids(): boolean {
    return false;
  }
  protected override createCgroup(): Promise<CgroupLimits | null> {
    return Promise.resolve(null);
  }
}

// Item 3 of issue 11: in production such a worker would let one run take the memory and processes of all.
describe('sandbox refusal of shared limits in production (real worker, through the API)', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let sandboxDir: string;
  const savedSandboxDir = process.env.SANDBOX_DIR;

  beforeAll(async () => {
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-refusal-'));
    chmodSync(sandboxDir, 0o755);
    process.env.SANDBOX_DIR = sandboxDir;
    const runner = new SharedLimitsRunner(loadConfig({ ...process.env, ...PRODUCTION_HASH_ENV, NODE_ENV: 'production' }));
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(SandboxRunner)
      .useValue(runner)
      .compile();
    moduleRef.useLogger(false);
    worker = await moduleRef.init();
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (savedSandboxDir === undefined) delete process.env.SANDBOX_DIR;
    else process.env.SANDBOX_DIR = savedSandboxDir;
    rmSync(sandboxDir, { recursive: true, force: true });
  });

  it('should fail a code submission with the reason, run none of its code, and keep the worker serving', async () => {
    const event = await runningAiEvent(app);
    const truth = labelledTruth(['a', 'b', 'a', 'b'], ['public', 'public', 'private', 'private']);
    const fields = { name: 'code', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', submissionType: 'code' };
    const task = await createTask(app, event, fields, truth, { testInputs: { content: zipOf({ 'test.csv': 'id\nr1\nr2\nr3\nr4\n' }), filename: 'inputs.zip' } });
    const { captain } = await ctfTeam(app, event, 1);
    const code = zipOf({ run: "#!/bin/sh\nprintf 'id,label\\nr1,a\\nr2,b\\nr3,a\\nr4,b\\n' > output/predictions.csv\n" });
    // The code writes right predictions: had it run, the submission would be scored. A second one shows the worker still serves.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const done = await submitAndSettle(app, event, captain, task.id, code, 'code.zip');
      expect(done).toMatchObject({ status: 'failed', failureReason: 'system-error', publicScore: null });
      expect(done.report.messages.join(' ')).toMatch(/refuses untrusted code on this worker.*SANDBOX_ALLOW_SHARED_LIMITS=true/);
    }
  });
});
