import { INestApplicationContext } from '@nestjs/common';
import { chmodSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { aiFixture, createTask, labelledTruth, leakedIn, runningAiEvent, submitAndSettle } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';
import { zipOf } from './utils/zip-writer';

// Public rows r1..r3, private r4..r6.
const SPLITS = ['public', 'public', 'public', 'private', 'private', 'private'];

describe('ai custom scorers and code submissions (real worker, real sandbox)', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let sandboxDir: string;
  const savedSandboxDir = process.env.SANDBOX_DIR;

  beforeAll(async () => {
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-ai-code-'));
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

  describe('custom scorer (Codabench style)', () => {
    // Truth: public a,b,a / private b,b,a. The predictions below get public 2/3, private 1/3, all rows 1/2.
    const truth = labelledTruth(['a', 'b', 'a', 'b', 'b', 'a'], SPLITS);
    const predictions = (mode?: string) => [...(mode ? [`#mode:${mode}`] : []), 'id,label', 'r1,a', 'r2,b', 'r3,b', 'r4,a', 'r5,a', 'r6,a', ''].join('\n');
    let event: TestEvent;

    async function scorerTask(scorer: { content: string | Buffer; filename: string }, scorerCommand: string) {
      event = await runningAiEvent(app);
      const fields = {
        name: 'custom',
        metric: 'custom',
        idColumn: 'id',
        targetColumn: 'label',
        splitColumn: 'usage',
        scorerCommand,
        scoreKey: 'acc',
        higherIsBetter: 'true',
        limits: JSON.stringify({ wallSeconds: 2 }),
      };
      return createTask(app, event, fields, truth, { scorer });
    }

    it('should score each split with the scorer when the scorer is a single script', async () => {
      const task = await scorerTask({ content: aiFixture('score.py'), filename: 'score.py' }, 'python3 score.py');
      expect(task).toMatchObject({ metric: 'custom', higherIsBetter: true, rows: 6 });
      const { captain } = await ctfTeam(app, event, 1);
      const done = await submitAndSettle(app, event, captain, task.id, predictions());
      expect(done).toMatchObject({ status: 'scored', privateScore: null, failureReason: null });
      expect(done.publicScore).toBeCloseTo(2 / 3, 12);
      const organiser = await app.http().get(`/api/v1/submissions/${done.id}`).set('Authorization', event.organiser.auth).expect(200);
      expect(organiser.body.privateScore).toBeCloseTo(1 / 3, 12);
      // Each split's run saw only that split's 3 rows under input/ref: the organiser reads what the scorer printed.
      const output = organiser.body.report.output as Array<{ step: string; stdout: string }>;
      expect(output.map((run) => [run.step, run.stdout.trim()])).toEqual([
        ['scorer (public)', 'split public ref rows 3'],
        ['scorer (private)', 'split private ref rows 3'],
      ]);
      // The team reads the verdicts only, never the scorer's output (it could print the private score).
      expect(done.report).toEqual({
        messages: [],
        runs: [
          { step: 'scorer (public)', verdict: 'ok', limit: null },
          { step: 'scorer (private)', verdict: 'ok', limit: null },
        ],
      });
      expect(leakedIn(done)).toEqual([]);
    });

    it('should run a zipped scorer with its helper module when the scorer is a .zip', async () => {
      const zip = zipOf({
        'score.py': 'from helper import main\nmain()\n',
        'helper.py': `def main():\n${aiFixture('score.py')
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n')}\n`,
      });
      const task = await scorerTask({ content: zip, filename: 'scorer.zip' }, 'python3 score.py');
      const { captain } = await ctfTeam(app, event, 1);
      const done = await submitAndSettle(app, event, captain, task.id, predictions());
      expect(done).toMatchObject({ status: 'scored' });
      expect(done.publicScore).toBeCloseTo(2 / 3, 12);
    });

    it.each([
      ['crash', 'runtime-error', /scorer \(public\).*exit code 1/],
      ['sleep', 'time-limit', /wall-clock limit of 2 s/],
      ['silent', 'invalid-output', /wrote no output\/scores\.json/],
      ['string', 'invalid-output', /"acc" must be a finite number/],
      ['yaml', 'invalid-output', /not valid JSON/],
      ['link', 'invalid-output', /scores\.json is not a regular file/],
    ])('should fail the submission naming the reason when the scorer misbehaves (%s), then score the next one', async (mode, reason, message) => {
      const task = await scorerTask({ content: aiFixture('score.py'), filename: 'score.py' }, 'python3 score.py');
      const { captain } = await ctfTeam(app, event, 1);
      const bad = await submitAndSettle(app, event, captain, task.id, predictions(mode));
      expect(bad).toMatchObject({ status: 'failed', failureReason: reason, publicScore: null, privateScore: null });
      expect(bad.report.messages.join(' ')).toMatch(message);
      if (mode === 'sleep') {
        expect(bad.report.runs[0]).toMatchObject({ verdict: 'time-limit', limit: 'wallSeconds' });
        // Stopped at its 2 s limit, not after its 20 s sleep: the run's own clock, not the queue's and upload's.
        const organiser = await app.http().get(`/api/v1/submissions/${bad.id}`).set('Authorization', event.organiser.auth).expect(200);
        expect(organiser.body.report.runs[0].wallMs).toBeLessThan(15_000);
      }
      if (mode === 'crash') {
        expect(JSON.stringify(bad)).not.toContain('scorer crashed on purpose');
        const organiser = await app.http().get(`/api/v1/submissions/${bad.id}`).set('Authorization', event.organiser.auth).expect(200);
        expect(organiser.body.report.output[0].stderr).toContain('scorer crashed on purpose');
      }
      const next = await submitAndSettle(app, event, captain, task.id, predictions());
      expect(next).toMatchObject({ status: 'scored' });
      expect(next.publicScore).toBeCloseTo(2 / 3, 12);
    });
  });

  describe('code submissions', () => {
    // Hidden inputs x = 1,-1,2,-2,3,-3; the model says pos when x > 0. Truth: public pos,neg,neg (2/3 right), private neg,pos,neg (all right).
    const SECRET = 'neg-7f3a9c'; // a label only the ground truth holds
    const truth = labelledTruth(['pos', 'neg', 'neg', 'neg', 'pos', 'neg'], SPLITS).replace('r3,neg', `r3,${SECRET}`);
    const inputs = zipOf({ 'test.csv': 'id,x\nr1,1\nr2,-1\nr3,2\nr4,-2\nr5,3\nr6,-3\n' });
    let event: TestEvent;

    async function codeTask() {
      event = await runningAiEvent(app);
      const fields = {
        name: 'code',
        metric: 'accuracy',
        idColumn: 'id',
        targetColumn: 'label',
        splitColumn: 'usage',
        submissionType: 'code',
        limits: JSON.stringify({ wallSeconds: 20, cpuSeconds: 10, memoryMb: 256 }),
      };
      return createTask(app, event, fields, truth, { testInputs: { content: inputs, filename: 'inputs.zip' } });
    }

    it('should run ./run on the hidden inputs and score its output/predictions.csv', async () => {
      const task = await codeTask();
      expect(task).toMatchObject({ submissionType: 'code', limits: { wallSeconds: 20, cpuSeconds: 10, memoryMb: 256 } });
      const { captain } = await ctfTeam(app, event, 1);
      const code = zipOf({ run: '#!/bin/sh\nexec python3 predict.py\n', 'predict.py': aiFixture('predict.py') });
      const done = await submitAndSettle(app, event, captain, task.id, code, 'code.zip');
      expect(done).toMatchObject({ status: 'scored', failureReason: null });
      expect(done.publicScore).toBeCloseTo(2 / 3, 12);
      const organiser = await app.http().get(`/api/v1/submissions/${done.id}`).set('Authorization', event.organiser.auth).expect(200);
      expect(organiser.body.privateScore).toBe(1);
      expect(done.report.runs).toEqual([{ step: 'code', verdict: 'ok', limit: null }]);
      expect(organiser.body.report.output).toEqual([{ step: 'code', stdout: 'predicted\n', stderr: '' }]);
      // The run's wall time is measured (bubblewrap + rlimits + a python start: tens of ms on this machine).
      expect(organiser.body.report.runs[0].wallMs).toBeGreaterThan(0);
      expect(organiser.body.report.runs[0].wallMs).toBeLessThan(10_000);
    });

    it('should run the runCommand field instead of ./run when the upload gives one', async () => {
      const task = await codeTask();
      const { captain } = await ctfTeam(app, event, 1);
      const code = zipOf({ 'model/predict.py': aiFixture('predict.py') });
      const done = await submitAndSettle(app, event, captain, task.id, code, 'code.zip', { runCommand: 'python3 model/predict.py' });
      expect(done).toMatchObject({ status: 'scored' });
      expect(done.publicScore).toBeCloseTo(2 / 3, 12);
    });

    it('should fail with a message when the code writes no predictions', async () => {
      const task = await codeTask();
      const { captain } = await ctfTeam(app, event, 1);
      const done = await submitAndSettle(app, event, captain, task.id, zipOf({ run: '#!/bin/sh\necho nothing to see\n' }), 'code.zip');
      expect(done).toMatchObject({ status: 'failed', failureReason: 'invalid-output' });
      expect(done.report.messages.join(' ')).toMatch(/no output\/predictions\.csv/);
    });

    it('should never let participant code read the ground truth when it looks in every plausible place', async () => {
      const task = await codeTask();
      const { captain } = await ctfTeam(app, event, 1);
      const blobDir = process.env.BLOB_DIR as string;
      const snoop = `
import glob, os
found = []
secret = ${JSON.stringify([...SECRET].reverse().join(''))}[::-1].encode()  # not spelled out: this script must not match itself
places = ['input/ref', '../input/ref', '/job/input/ref', '/job', '/job/input', '..', '/tmp', ${JSON.stringify(blobDir)}, ${JSON.stringify(sandboxDir)},
          ${JSON.stringify(process.cwd())}, '/work', '/root', '/home', '/proc/1/cwd', '/var', '/srv', '/mnt', '/opt', '/run', '/data']
print('root holds', sorted(os.listdir('/')), flush=True)
for base in places:
    for path in glob.glob(os.path.join(base, '**'), recursive=True)[:5000]:
        try:
            if os.path.isfile(path) and os.path.getsize(path) < 1_000_000 and secret in open(path, 'rb').read():
                found.append(path)
        except Exception:
            pass
print('found', len(found), 'files with the truth', found[:5], flush=True)
labels = {}
for path in found:
    for line in open(path).read().splitlines():
        parts = line.split(',')
        if len(parts) >= 2: labels[parts[0]] = parts[1]
with open('input/test.csv') as f, open('output/predictions.csv', 'w') as out:
    out.write('id,label\\n')
    for line in f.read().splitlines()[1:]:
        key = line.split(',')[0]
        out.write(key + ',' + labels.get(key, 'pos') + '\\n')
`;
      const done = await submitAndSettle(app, event, captain, task.id, zipOf({ run: '#!/bin/sh\nexec timeout 15 python3 snoop.py\n', 'snoop.py': snoop }), 'code.zip', {}, 40_000);
      const organiser = await app.http().get(`/api/v1/submissions/${done.id}`).set('Authorization', event.organiser.auth).expect(200);
      expect(organiser.body.report.output[0].stdout).toContain('found 0 files with the truth []');
      expect(leakedIn(organiser.body, [SECRET])).toEqual([]);
      // All "pos": public r1 only (1/3); with the truth it would have been 1.
      expect(done).toMatchObject({ status: 'scored' });
      expect(done.publicScore).toBeCloseTo(1 / 3, 12);
      expect(leakedIn(done, [SECRET])).toEqual([]);
    }, 60_000);
  });
});
