import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'fs';
import { networkInterfaces, tmpdir } from 'os';
import { join } from 'path';
import { deflateRawSync } from 'zlib';
import { aiFixture, createTask, labelledTruth, leakedIn, runningAiEvent, submitAndSettle, viewSubmission } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';
import { buildZip, crc32, ZipEntry, zipOf } from './utils/zip-writer';

// Every hostile program below stops by itself within bounds (loop counts, timeouts, `timeout`),
// so even a broken sandbox cannot take the machine down.
const LIMITS = { wallSeconds: 4, cpuSeconds: 1, memoryMb: 128 };
const SECRET_LABEL = 'pos-hostile-51c2'; // only the ground truth holds it
const TRUTH = labelledTruth([SECRET_LABEL, 'neg', 'pos', 'neg', 'pos', 'neg'], ['public', 'public', 'public', 'private', 'private', 'private']);
const INPUTS = zipOf({ 'test.csv': 'id,x\nr1,1\nr2,-1\nr3,2\nr4,-2\nr5,3\nr6,-3\n' });
// Python that writes the model's predictions (public 2/3: r1's label is the secret one).
const WRITE_PREDICTIONS = `
with open('output/predictions.csv', 'w') as out:
    out.write('id,label\\n' + ''.join(f'r{i},{"pos" if i % 2 else "neg"}\\n' for i in range(1, 7)))
`;
const python = (source: string) => zipOf({ run: '#!/bin/sh\nexec timeout 30 python3 main.py\n', 'main.py': source });
const port = (url: string | undefined) => Number(new URL(url as string).port);

interface Case {
  name: string;
  zip: () => Buffer;
  status: 'scored' | 'failed';
  reason?: string;
  limit?: string | null;
  message?: RegExp;
  check?: (body: Record<string, any>) => void;
}

describe('ai hostile battery (code submissions in the real sandbox, through the API)', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let sandboxDir: string;
  let event: TestEvent;
  let captain: TestUser;
  let taskId: string;
  const savedSandboxDir = process.env.SANDBOX_DIR;
  const slipName = `arena-slip-${randomUUID()}`;

  beforeAll(async () => {
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-ai-hostile-'));
    chmodSync(sandboxDir, 0o755);
    process.env.SANDBOX_DIR = sandboxDir;
    worker = await startTestWorker();
    event = await runningAiEvent(app);
    const fields = { name: 'hostile', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', submissionType: 'code', limits: JSON.stringify(LIMITS) };
    taskId = (await createTask(app, event, fields, TRUTH, { testInputs: { content: INPUTS, filename: 'inputs.zip' } })).id;
    ({ captain } = await ctfTeam(app, event, 1));
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (savedSandboxDir === undefined) delete process.env.SANDBOX_DIR;
    else process.env.SANDBOX_DIR = savedSandboxDir;
    rmSync(sandboxDir, { recursive: true, force: true });
    rmSync(join(tmpdir(), slipName), { force: true });
  });

  const hostAddresses = () =>
    Object.values(networkInterfaces())
      .flat()
      .filter((address) => address?.family === 'IPv4')
      .map((address) => address?.address);

  const cases: Case[] = [
    {
      name: 'a fork bomb',
      zip: () =>
        python(
          `import os, time\nfor n in range(300):\n    try:\n        pid = os.fork()\n    except OSError:\n        print('fork refused after', n, flush=True); raise\n    if pid == 0:\n        time.sleep(2); os._exit(0)\n`,
        ),
      status: 'failed',
      reason: 'runtime-error',
      limit: 'processes',
      message: /process limit of 64/,
      check: (body) => expect(Number(/refused after (\d+)/.exec(body.report.output[0].stdout)?.[1])).toBeLessThan(64),
    },
    {
      name: 'a memory hog',
      zip: () => python(`blocks = []\nfor _ in range(16):\n    blocks.append(bytearray(64 * 1024 * 1024))\nprint('allocated 1 GiB')\n${WRITE_PREDICTIONS}`),
      status: 'failed',
      reason: 'memory-limit',
      limit: 'memoryMb',
      message: /memory limit of 128 MiB/,
      check: (body) => expect(body.report.output[0].stdout).not.toContain('allocated 1 GiB'),
    },
    {
      name: 'a busy loop',
      zip: () => python(`import time\nend = time.time() + 20\nwhile time.time() < end: pass\n${WRITE_PREDICTIONS}`),
      status: 'failed',
      reason: 'time-limit',
      limit: 'cpuSeconds',
      message: /CPU limit of 1 s/,
    },
    {
      name: 'a sleep forever (with a child that sleeps too)',
      zip: () => zipOf({ run: '#!/bin/sh\nsleep 60 &\nexec sleep 60\n' }),
      status: 'failed',
      reason: 'time-limit',
      limit: 'wallSeconds',
      message: /wall-clock limit of 4 s/,
      // Stopped at the limit, long before the 60 s sleeps end (the margin is for the sandbox's start under load).
      check: (body) => expect(body.report.runs[0].wallMs).toBeLessThan(30_000),
    },
    {
      name: 'a program reading stdin',
      zip: () => python(`import sys\nprint('stdin', len(sys.stdin.read()))\n${WRITE_PREDICTIONS}`),
      status: 'scored',
      check: (body) => expect(body.report.output[0].stdout).toBe('stdin 0\n'),
    },
    {
      name: 'TCP connections to the real PostgreSQL and Redis',
      zip: () => {
        const targets = ['127.0.0.1', 'localhost', ...hostAddresses()].flatMap((host) =>
          [port(process.env.DATABASE_URL), port(process.env.REDIS_URL), 5432, 6379].map((p) => [host, p]),
        );
        return python(
          `import socket\nfor host, port in ${JSON.stringify(targets)}:\n    try:\n        socket.create_connection((host, port), timeout=1).close(); print('CONNECTED', host, port)\n    except OSError as e:\n        print('refused', host, port)\n${WRITE_PREDICTIONS}`,
        );
      },
      status: 'scored',
      check: (body) => {
        expect(body.report.output[0].stdout).not.toContain('CONNECTED');
        expect(body.report.output[0].stdout).toContain(`refused 127.0.0.1 ${port(process.env.DATABASE_URL)}`);
      },
    },
    {
      name: 'reading /etc/shadow, /proc/1/environ and the environment',
      zip: () =>
        python(
          `import os\ndef read(path):\n    try:\n        return open(path, 'rb').read()[:4000]\n    except Exception as e:\n        return type(e).__name__\nprint('shadow', read('/etc/shadow'))\nprint('environ1', read('/proc/1/environ'))\nprint('self', read('/proc/self/environ'))\nprint('env', dict(os.environ))\nfor pid in [p for p in os.listdir('/proc') if p.isdigit()]:\n    print(pid, read('/proc/%s/environ' % pid), read('/proc/%s/cmdline' % pid))\nprint('uid', os.getuid())\n${WRITE_PREDICTIONS}`,
        ),
      status: 'scored',
      check: (body) => {
        const stdout: string = body.report.output[0].stdout;
        expect(stdout).toContain('shadow FileNotFoundError');
        expect(stdout).toContain("environ1 b''");
        expect(stdout).not.toMatch(/DATABASE_URL|REDIS_URL|JWT_SECRET|ARENA_ADMIN/);
        expect(stdout).not.toMatch(/\nuid 0\n/);
      },
    },
    {
      name: 'writing a 2 GB file',
      zip: () => python(`f = open('output/big.bin', 'wb')\nfor _ in range(2048):\n    f.write(b'0' * 1024 * 1024)\n`),
      status: 'failed',
      reason: 'output-limit',
      limit: 'writeMb',
      message: /write limit of 64 MiB/,
    },
    {
      name: '100 MB of stdout',
      zip: () => python(`import sys\nfor _ in range(100):\n    sys.stdout.write('x' * 1024 * 1024)\n`),
      status: 'failed',
      reason: 'output-limit',
      limit: 'output',
      message: /too much output/,
      check: (body) => expect(body.report.output[0].stdout.length).toBeLessThanOrEqual(64 * 1024),
    },
    {
      name: 'kill -9 -1',
      // Run without a wrapper: the program is the sandbox's only process besides its init.
      zip: () =>
        zipOf({
          run: '#!/bin/sh\nexec python3 main.py\n',
          'main.py': `import os, signal\nfor target in (-1, 1):\n    try:\n        os.kill(target, signal.SIGKILL)\n    except Exception as e:\n        print(target, type(e).__name__)\nprint('still alive')\n${WRITE_PREDICTIONS}`,
        }),
      status: 'scored',
      check: (body) => expect(body.report.output[0].stdout).toContain('still alive'),
    },
    {
      // The worker reads the output on the host: following the link would hand it the worker's own environment.
      name: "output/predictions.csv as a symlink to the worker's /proc/self/environ",
      zip: () => zipOf({ run: '#!/bin/sh\nln -s /proc/self/environ output/predictions.csv\n' }),
      status: 'failed',
      reason: 'invalid-output',
      message: /output\/predictions\.csv is not a regular file/,
    },
    {
      name: 'output/predictions.csv as a symlink to /etc/passwd',
      zip: () => zipOf({ run: '#!/bin/sh\nln -s /etc/passwd output/predictions.csv\n' }),
      status: 'failed',
      reason: 'invalid-output',
      message: /output\/predictions\.csv is not a regular file/,
      check: (body) => expect(JSON.stringify(body)).not.toMatch(/root:|\/bin\/(ba)?sh|nologin/),
    },
    {
      name: 'a zip holding a file named output',
      zip: () => zipOf({ run: `#!/bin/sh\nexec python3 main.py\n`, 'main.py': WRITE_PREDICTIONS, output: 'not a folder' }),
      status: 'scored',
    },
    {
      name: 'a zip-slip entry',
      zip: () => zipOf({ run: '#!/bin/sh\n', [`../../${slipName}`]: 'x', [`../../../../../../../../../..${tmpdir()}/${slipName}`]: 'x' }),
      status: 'failed',
      reason: 'invalid-archive',
      message: /your \.zip: .*(invalid relative path|path escapes the archive): \.\.\/\.\.\/arena-slip/,
      check: () => {
        expect(existsSync(join(sandboxDir, slipName))).toBe(false);
        expect(existsSync(join(tmpdir(), slipName))).toBe(false);
      },
    },
    {
      name: 'an absolute path entry',
      zip: () => zipOf({ run: '#!/bin/sh\n', [join(tmpdir(), slipName)]: 'x' }),
      status: 'failed',
      reason: 'invalid-archive',
      message: /your \.zip: .*absolute path.*: \/tmp\/arena-slip/,
      check: () => expect(existsSync(join(tmpdir(), slipName))).toBe(false),
    },
    {
      name: 'a symlink entry (and a file written through it)',
      zip: () =>
        buildZip([
          { name: 'link', data: tmpdir(), mode: 0o120777 },
          { name: `link/${slipName}`, data: 'x' },
          { name: 'run', data: 'cat link' },
        ]),
      status: 'failed',
      reason: 'invalid-archive',
      message: /your \.zip: .*\blink\b.*symbolic link/,
      check: () => expect(existsSync(join(tmpdir(), slipName))).toBe(false),
    },
    {
      name: 'a zip bomb of many compressible entries',
      zip: () => {
        const zeros = Buffer.alloc(10 * 1024 * 1024);
        const compressed = deflateRawSync(zeros, { level: 9 });
        return buildZip(Array.from({ length: 200 }, (_, i): ZipEntry => ({ name: `bomb/${i}.bin`, compressed, realSize: zeros.length, realCrc: crc32(zeros) })));
      },
      status: 'failed',
      reason: 'invalid-archive',
      message: /your \.zip: .*bomb\/0\.bin .*ratio above 100/,
    },
    {
      name: 'entries that lie about their size',
      zip: () => {
        const zeros = Buffer.alloc(20 * 1024 * 1024);
        const compressed = deflateRawSync(zeros, { level: 9 });
        return buildZip(Array.from({ length: 20 }, (_, i): ZipEntry => ({ name: `lie/${i}.bin`, compressed, realCrc: crc32(zeros), declaredSize: compressed.length * 2 })));
      },
      status: 'failed',
      reason: 'invalid-archive',
      message: /your \.zip:/,
    },
    {
      name: 'an upload that is not a zip at all',
      zip: () => Buffer.from('id,label\nr1,pos\n'),
      status: 'failed',
      reason: 'invalid-archive',
      message: /your \.zip: not a .*zip/,
    },
    {
      name: 'too many entries',
      zip: () => buildZip(Array.from({ length: 1500 }, (_, i) => ({ name: `f/${i}`, data: '' }))),
      status: 'failed',
      reason: 'invalid-archive',
      message: /your \.zip: .*1500 entries, more than 1000/,
    },
  ];

  it.each(cases.map((entry) => [entry.name, entry] as const))(
    'should contain %s, leak nothing and score the next submission',
    async (_name, entry) => {
      const seen = await submitAndSettle(app, event, captain, taskId, entry.zip(), 'code.zip', {}, 60_000);
      // The checks read the organiser's view (the run's output and resources); the team's holds less.
      const body = (await viewSubmission(app, event.organiser.auth, seen.id).expect(200)).body;
      expect(leakedIn(seen, [SECRET_LABEL])).toEqual([]);
      expect({ status: body.status, reason: body.failureReason }).toEqual({ status: entry.status, reason: entry.reason ?? null });
      if (entry.limit !== undefined) expect(body.report.runs[0].limit).toBe(entry.limit);
      if (entry.message) expect(body.report.messages.join('\n')).toMatch(entry.message);
      entry.check?.(body);
      expect(leakedIn(body, [SECRET_LABEL])).toEqual([]);
      expect(JSON.stringify(body.report).length).toBeLessThan(300 * 1024);
      const next = await submitAndSettle(app, event, captain, taskId, zipOf({ run: '#!/bin/sh\nexec python3 predict.py\n', 'predict.py': aiFixture('predict.py') }), 'code.zip');
      expect(next).toMatchObject({ status: 'scored' });
      expect(next.publicScore).toBeCloseTo(2 / 3, 12);
    },
    90_000,
  );
});
