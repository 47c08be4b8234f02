import { loadConfig } from '@arena/config';
import { DEFAULT_LIMITS, SandboxLimits, SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync, chmodSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// Every hostile program stops itself within bounds even if the sandbox failed, to protect the machine.
describe('sandbox (bubblewrap + rlimits + cgroups, real runs)', () => {
  const runner = new SandboxRunner(loadConfig());
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, wallSeconds: 10, cpuSeconds: 5, memoryMb: 256, processes: 32, writeMb: 8, outputKeptBytes: 4096 };

  function job(script: string): { dir: string; run: (overrides?: Partial<SandboxLimits>) => ReturnType<SandboxRunner['run']> } {
    const dir = mkdtempSync(join(tmpdir(), 'arena-sbx-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'input'));
    mkdirSync(join(dir, 'output'));
    chmodSync(join(dir, 'output'), 0o777);
    writeFileSync(join(dir, 'input', 'main.py'), script);
    writeFileSync(join(dir, 'input', 'data.txt'), 'hello\n');
    return {
      dir,
      run: (overrides = {}) =>
        runner.run({
          command: ['python3', 'input/main.py'],
          cwd: '/job',
          mounts: [
            { host: dir, target: '/job', writable: false },
            { host: join(dir, 'output'), target: '/job/output', writable: true },
          ],
          limits: { ...limits, ...overrides },
        }),
    };
  }

  it('should run a normal program and keep its output', async () => {
    const { dir, run } = job("print(open('input/data.txt').read().strip()); open('output/out.txt','w').write('42')");
    const result = await run();
    expect(result).toMatchObject({ verdict: SandboxVerdict.Ok, exitCode: 0, stdout: 'hello\n' });
    expect(readFileSync(join(dir, 'output', 'out.txt'), 'utf8')).toBe('42');
  });

  it('should report a runtime error with its exit code', async () => {
    const result = await job('import sys; sys.stderr.write("boom"); sys.exit(3)').run();
    expect(result).toMatchObject({ verdict: SandboxVerdict.RuntimeError, exitCode: 3, stderr: 'boom' });
  });

  it('should stop a fork bomb at the process limit', async () => {
    const script = `
import os, time
children = 0
for _ in range(500):
    try:
        if os.fork() == 0:
            time.sleep(3); os._exit(0)
        children += 1
    except OSError:
        print('fork refused after', children); break
`;
    const result = await job(script).run();
    expect(result.stdout).toMatch(/fork refused after \d+/);
    expect(Number(/after (\d+)/.exec(result.stdout)?.[1])).toBeLessThan(limits.processes);
  });

  it('should stop a memory hog at the memory limit', async () => {
    const script = `
blocks = []
for _ in range(64):
    blocks.append(bytearray(64 * 1024 * 1024))
print('allocated everything')
`;
    const result = await job(script).run();
    expect(result.verdict).toBe(SandboxVerdict.MemoryLimit);
    expect(result.limit).toBe('memoryMb');
    expect(result.stdout).not.toContain('allocated everything');
  });

  it('should stop a busy loop at the CPU limit', async () => {
    const result = await job('import time\nend = time.time() + 20\nwhile time.time() < end: pass').run({ cpuSeconds: 1, wallSeconds: 10 });
    expect(result).toMatchObject({ verdict: SandboxVerdict.TimeLimit, limit: 'cpuSeconds' });
  });

  it('should stop a sleeper at the wall-clock limit and kill the whole tree', async () => {
    const started = Date.now();
    const result = await job('import os, time\nif os.fork() == 0: time.sleep(30)\ntime.sleep(30)').run({ wallSeconds: 1 });
    expect(result).toMatchObject({ verdict: SandboxVerdict.TimeLimit, limit: 'wallSeconds' });
    // Well before the 30 s sleeps end (the margin is for the sandbox's start on a loaded machine).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('should give a reader of stdin end-of-file at once', async () => {
    const result = await job('import sys; data = sys.stdin.read(); print(len(data))').run({ wallSeconds: 5 });
    expect(result).toMatchObject({ verdict: SandboxVerdict.Ok, stdout: '0\n' });
  });

  it("should have no network, not even to this machine's PostgreSQL and Redis ports", async () => {
    const script = `
import socket
for port in (5432, 6379, ${new URL(process.env.REDIS_URL as string).port}, ${new URL(process.env.DATABASE_URL as string).port}):
    s = socket.socket(); s.settimeout(2)
    try:
        s.connect(('127.0.0.1', port)); print('CONNECTED', port)
    except OSError as e:
        print('refused', port)
try:
    socket.create_connection(('1.1.1.1', 53), timeout=2); print('CONNECTED internet')
except OSError:
    print('no internet')
`;
    const result = await job(script).run();
    expect(result.stdout).not.toContain('CONNECTED');
    expect(result.stdout).toContain('no internet');
  });

  it('should see no secrets: no /etc/shadow, an empty /proc/1/environ, no DATABASE_URL', async () => {
    const script = `
import os
print('shadow', os.path.exists('/etc/shadow'))
print('environ', repr(open('/proc/1/environ','rb').read()))
print('self', sorted(k for k in os.environ))
print('root home', os.path.exists('/root'))
print('uid', os.getuid())
`;
    const result = await job(script).run();
    expect(result.stdout).toContain('shadow False');
    expect(result.stdout).toContain("environ b''");
    expect(result.stdout).not.toContain('DATABASE_URL');
    expect(result.stdout).not.toContain(process.env.JWT_SECRET as string);
    expect(result.stdout).toContain('root home False');
    if (process.getuid?.() === 0) expect(result.stdout).not.toMatch(/uid 0\b/);
  });

  it('should not let the program write outside its output folder', async () => {
    const { dir, run } = job("open('input/evil.txt','w').write('x')");
    const result = await run();
    expect(result.verdict).toBe(SandboxVerdict.RuntimeError);
    expect(existsSync(join(dir, 'input', 'evil.txt'))).toBe(false);
  });

  it('should stop a 2 GB file at the write limit', async () => {
    const { dir, run } = job("f = open('output/big.bin','wb')\nfor _ in range(2048): f.write(b'0' * 1024 * 1024)");
    const result = await run();
    expect(result).toMatchObject({ verdict: SandboxVerdict.OutputLimit, limit: 'writeMb' });
    expect(statSync(join(dir, 'output', 'big.bin')).size).toBeLessThanOrEqual(limits.writeMb * 1024 * 1024);
  });

  it('should stop 100 MB of stdout and keep only the first bytes', async () => {
    const result = await job("import sys\nfor _ in range(100): sys.stdout.write('x' * 1024 * 1024)").run();
    expect(result.verdict).toBe(SandboxVerdict.OutputLimit);
    expect(result.stdout.length).toBe(limits.outputKeptBytes);
  });

  it('should keep kill -9 -1 inside the sandbox', async () => {
    const result = await job('import os, signal\ntry:\n    os.kill(-1, signal.SIGKILL)\nexcept Exception as e: print(e)').run();
    expect(result.verdict).not.toBe(SandboxVerdict.SystemError);
    // The test process (and this worker) is still alive to make the next run.
    const next = await job("print('still here')").run();
    expect(next).toMatchObject({ verdict: SandboxVerdict.Ok, stdout: 'still here\n' });
  });
});
