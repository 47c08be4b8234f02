import { AppConfig, loadConfig } from '@arena/config';
import { CgroupLimits, DEFAULT_LIMITS, SandboxLimits, SandboxRequest, SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PRODUCTION_HASH_ENV } from './utils/test-app';

const MiB = 1024 * 1024;

/** A runner that records the cgroups it made, and can be told there is no per-run uid (the Docker shape). */
class WatchedRunner extends SandboxRunner {
  readonly groups: CgroupLimits[] = [];
  constructor(
    config: AppConfig,
    private readonly withUids = true,
    private readonly withCgroups = true,
  ) {
    super(config);
  }
  protected override perRunUids(): boolean {
    return this.withUids && super.perRunUids();
  }
  protected override async createCgroup(limits: SandboxLimits): Promise<CgroupLimits | null> {
    const group = this.withCgroups ? await super.createCgroup(limits) : null;
    if (group) this.groups.push(group);
    return group;
  }
}

// Item 3 of issue 11, the limits half: memory and processes are bounded per run by its cgroups (real v1 here),
// verdicts come from the kernel's counters, uids are never shared between two runners. Every hostile program
// stops by itself within bounds, even if the sandbox failed.
describe('sandbox limits (cgroups, verdicts, uids: real runs)', () => {
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, wallSeconds: 10, cpuSeconds: 5, memoryMb: 128, processes: 24, writeMb: 8, outputKeptBytes: 4096 };
  const folders: string[] = [];
  let lockDir: string;
  const config = (env: Record<string, string> = {}) => loadConfig({ ...process.env, ...PRODUCTION_HASH_ENV, SANDBOX_UID_LOCK_DIR: lockDir, ...env });

  beforeAll(() => {
    lockDir = join(mkdtempSync(join(tmpdir(), 'arena-uid-locks-')), 'uids');
  });
  afterAll(() => {
    for (const folder of [...folders, join(lockDir, '..')]) rmSync(folder, { recursive: true, force: true });
  });

  function job(script: string, overrides: Partial<SandboxLimits> = {}): { dir: string; request: SandboxRequest } {
    const dir = mkdtempSync(join(tmpdir(), 'arena-sbx-limits-'));
    folders.push(dir);
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'output'));
    chmodSync(join(dir, 'output'), 0o777);
    writeFileSync(join(dir, 'main.py'), script);
    const request: SandboxRequest = {
      command: ['python3', 'main.py'],
      cwd: '/job',
      mounts: [
        { host: dir, target: '/job', writable: false },
        { host: join(dir, 'output'), target: '/job/output', writable: true },
      ],
      limits: { ...limits, ...overrides },
    };
    return { dir, request };
  }

  it('should run a normal program writing its output, in cgroups that are gone afterwards', async () => {
    const runner = new WatchedRunner(config());
    const { dir, request } = job("print('hello'); open('output/out.txt','w').write('42')");
    expect(await runner.run(request)).toMatchObject({ verdict: SandboxVerdict.Ok, exitCode: 0, stdout: 'hello\n' });
    expect(readFileSync(join(dir, 'output', 'out.txt'), 'utf8')).toBe('42');
    expect(runner.groups).toHaveLength(1);
    expect(runner.groups[0].directories.length).toBeGreaterThanOrEqual(2);
    for (const folder of runner.groups[0].directories) expect(existsSync(folder)).toBe(false);
  });

  it('should contain a fork bomb with the pids cgroup alone and name the process limit from its counter', async () => {
    // No per-run uid: as root RLIMIT_NPROC is not enforced, so only the pids cgroup can stop this.
    const runner = new WatchedRunner(config(), false);
    const script = `
import os, time
children = 0
for _ in range(400):
    try:
        pid = os.fork()
    except OSError:
        print('refused after', children, flush=True)
        os._exit(1)
    if pid == 0:
        time.sleep(3); os._exit(0)
    children += 1
print('forked', children)
`;
    const result = await runner.run(job(script).request);
    expect(result).toMatchObject({ verdict: SandboxVerdict.RuntimeError, limit: 'processes', message: expect.stringContaining('process limit of 24') });
    // Silent about the cause on stderr: the verdict came from the kernel's counter.
    expect(result.stderr).toBe('');
    expect(Number(/refused after (\d+)/.exec(result.stdout)?.[1])).toBeLessThan(limits.processes);
    for (const folder of runner.groups[0].directories) expect(existsSync(folder)).toBe(false);
  });

  it('should kill a memory hog through the memory cgroup and name the memory limit from its counter', async () => {
    const runner = new WatchedRunner(config());
    const script = `
blocks = []
for _ in range(32):
    blocks.append(bytearray(64 * 1024 * 1024))
print('allocated 2 GiB')
`;
    const result = await runner.run(job(script).request);
    expect(result).toMatchObject({ verdict: SandboxVerdict.MemoryLimit, limit: 'memoryMb' });
    expect(result.stdout).not.toContain('allocated');
    // Killed by the kernel, not a failed allocation under an address-space limit.
    expect(result.stderr).not.toContain('MemoryError');
    expect(result.memoryPeakBytes).toBeGreaterThan(64 * MiB);
  });

  it('should not call it a memory limit when a program prints MemoryError and exits 1', async () => {
    const result = await new WatchedRunner(config()).run(job("import sys\nsys.stderr.write('Traceback\\nMemoryError\\n')\nsys.exit(1)").request);
    expect(result).toMatchObject({ verdict: SandboxVerdict.RuntimeError, limit: null, exitCode: 1 });
    expect(result.message).toContain('exit code 1');
  });

  it('should not call it a limit when a program prints the CPU, file size and fork messages and exits 1', async () => {
    const script = "import sys\nsys.stderr.write('CPU time limit exceeded\\nFile too large\\nfork: Resource temporarily unavailable\\n')\nsys.exit(1)";
    expect(await new WatchedRunner(config()).run(job(script).request)).toMatchObject({ verdict: SandboxVerdict.RuntimeError, limit: null });
  });

  it('should let a runtime reserve far more address space than its memory limit (as PyTorch, the JVM and Go do)', async () => {
    // 4 GiB reserved, 16 MiB touched: RLIMIT_AS at memory + 256 MiB refused the reservation.
    const script = `
import mmap
reserved = mmap.mmap(-1, 4 * 1024 * 1024 * 1024, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, 'MAP_NORESERVE', 0))
for offset in range(0, 16 * 1024 * 1024, 4096):
    reserved[offset] = 1
open('output/ok.txt', 'w').write('reserved')
`;
    const { dir, request } = job(script);
    const result = await new WatchedRunner(config()).run(request);
    expect(result).toMatchObject({ verdict: SandboxVerdict.Ok, stderr: '' });
    expect(readFileSync(join(dir, 'output', 'ok.txt'), 'utf8')).toBe('reserved');
  });

  it('should never give one uid to two runs of two runners claiming at the same time', async () => {
    if (process.getuid?.() !== 0) return; // Per-run uids need a root worker (CI and this machine are root).
    // Two workers on one host: two runners, each with its own memory, sharing only the host-wide lock folder.
    const runners = [new WatchedRunner(config()), new WatchedRunner(config())];
    // The program is uid 65534 inside its user namespaces: the host uid behind it is the pool's claim, which is
    // watched as a sequence of claims and releases across both runners.
    const events: Array<{ uid: number; claimed: boolean }> = [];
    for (const runner of runners) {
      const pool = (runner as unknown as { uids: { acquire(): Promise<number>; release(uid: number): Promise<void> } }).uids;
      const acquire = pool.acquire.bind(pool);
      const release = pool.release.bind(pool);
      pool.acquire = async () => {
        const uid = await acquire();
        events.push({ uid, claimed: true });
        return uid;
      };
      pool.release = async (uid: number) => {
        events.push({ uid, claimed: false });
        await release(uid);
      };
    }
    const requests = Array.from({ length: 6 }, () => job('import time\nprint("ran", flush=True)\ntime.sleep(1)').request);
    const results = await Promise.all(requests.map((request, index) => runners[index % 2].run(request)));
    expect(results.map((result) => result.verdict)).toEqual(Array(6).fill(SandboxVerdict.Ok));
    // No uid is claimed again before its holder released it.
    const held = new Set<number>();
    for (const event of events) {
      if (event.claimed) {
        expect(held.has(event.uid)).toBe(false);
        held.add(event.uid);
      } else held.delete(event.uid);
    }
    expect(events.filter((event) => event.claimed)).toHaveLength(6);
    expect(events.every((event) => event.uid >= 61000)).toBe(true);
  });

  it('should refuse untrusted code in production with neither a per-run uid nor cgroups, and run it once the operator opts out', async () => {
    const { dir, request } = job("open('output/ran.txt','w').write('ran')");
    const refused = await new WatchedRunner(config({ NODE_ENV: 'production' }), false, false).run(request);
    expect(refused).toMatchObject({ verdict: SandboxVerdict.SystemError, message: expect.stringContaining('SANDBOX_ALLOW_SHARED_LIMITS=true') });
    expect(existsSync(join(dir, 'output', 'ran.txt'))).toBe(false);
    const optedOut = new WatchedRunner(config({ NODE_ENV: 'production', SANDBOX_ALLOW_SHARED_LIMITS: 'true' }), false, false);
    expect(await optedOut.run(request)).toMatchObject({ verdict: SandboxVerdict.Ok });
    expect(readFileSync(join(dir, 'output', 'ran.txt'), 'utf8')).toBe('ran');
  });
});
