import { loadConfig } from '@arena/config';
import { DEFAULT_LIMITS, SandboxLimits, SandboxResult, SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// A run ends with its program, not with its pipes: a descendant that left the process group (setsid) and keeps stdout
// open must not hold the run (and the worker's job) past the program's exit or its time limit. Each escaped descendant
// writes its pid so the test can stop it; it sleeps far longer than the test may take, so a run that waited for it fails.
describe('sandbox (a descendant holding stdout open does not hang the run)', () => {
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, wallSeconds: 3, cpuSeconds: 2, memoryMb: 128, processes: 16, writeMb: 8, outputKeptBytes: 4096 };
  const folders: string[] = [];

  afterAll(() => {
    for (const folder of folders) {
      const pidFile = join(folder, 'output', 'escaped.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
      if (Number.isInteger(pid) && pid > 1) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone (bubblewrap's namespace took it with the run).
        }
      }
      rmSync(folder, { recursive: true, force: true });
    }
  });

  function run(mode: 'bwrap' | 'unsafe', script: string): Promise<SandboxResult> {
    const dir = mkdtempSync(join(tmpdir(), 'arena-sbx-hang-'));
    folders.push(dir);
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'output'));
    chmodSync(join(dir, 'output'), 0o777);
    writeFileSync(join(dir, 'main.sh'), script);
    const runner = new SandboxRunner(loadConfig({ ...process.env, SANDBOX_MODE: mode }));
    return runner.run({
      command: ['sh', 'main.sh'],
      cwd: '/job',
      mounts: [
        { host: dir, target: '/job', writable: false },
        { host: join(dir, 'output'), target: '/job/output', writable: true },
      ],
      limits,
    });
  }

  // The escaped descendant: a new session (out of the run's process group), stdout inherited, 10 minutes of sleep.
  const escape = "setsid sh -c 'echo $$ > output/escaped.pid; exec sleep 600' &\n";

  for (const mode of ['unsafe', 'bwrap'] as const) {
    it(`should end when the program exits although an escaped descendant holds stdout (${mode})`, async () => {
      const result = await run(mode, `${escape}echo started\n`);
      expect(result).toMatchObject({ verdict: SandboxVerdict.Ok, exitCode: 0 });
      expect(result.stdout).toContain('started');
    });

    it(`should end at the time limit although an escaped descendant holds stdout (${mode})`, async () => {
      const result = await run(mode, `${escape}echo started\nexec sleep 600\n`);
      expect(result.verdict).toBe(SandboxVerdict.TimeLimit);
      expect(result.stdout).toContain('started');
    });
  }
});
