import { ChildProcess, spawn, spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import { existsSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'fs';
import { basename, resolve } from 'path';
import { loadConfig } from '@arena/config';
import { DEFAULT_LIMITS, pidSpace, SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { eventually } from './utils/test-worker';

const ROOT = resolve(__dirname, '..');

/** The command lines (NUL between arguments) of the processes whose command line holds `marker`, by pid. */
function processesWith(marker: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (commandLine.includes(marker)) found.set(Number(entry), commandLine);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

// A worker killed mid-run (a crash, the OOM killer, a failover test) takes its sandboxed runs with it: their wall
// clock lived in the worker, so a run left behind would sleep or spin on the host for as long as it likes.
describe('sandboxed runs of a killed worker (real bubblewrap)', () => {
  let child: ChildProcess | undefined;
  let killedPid = 0;
  const marker = `arena-orphan-${randomUUID()}`;
  // What the killed worker could not clean up (its run's write-space mount point and cgroups), removed at the end.
  const leftovers: string[] = [];
  function remember(running: Array<[number, string]>): void {
    for (const [pid, line] of running) {
      const args = line.split('\0');
      const root = args.indexOf('arena-run');
      if (root >= 0) leftovers.push(args[root + 1]);
      try {
        for (const entry of readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n')) {
          const [, controllers, path] = entry.split(':');
          if (!path?.includes('/arena/') && !path?.includes('/arena-runs/')) continue;
          leftovers.push(controllers ? `/sys/fs/cgroup/${controllers}${path}` : `/sys/fs/cgroup${path}`);
        }
      } catch {
        // Gone meanwhile.
      }
    }
  }

  afterAll(() => {
    if (child?.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // Whatever a failure left behind.
    for (const pid of processesWith(marker).keys()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    for (const dir of new Set(leftovers)) {
      try {
        rmdirSync(dir);
      } catch {
        // Not there, or not empty: left as it is.
      }
    }
  });

  it('should leave no process of a run behind when its worker is killed with SIGKILL', async () => {
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/utils/sandbox-child.ts', marker], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // The run is up: its shell runs in the sandbox (the chain before it, bubblewrap included, carries the marker too).
    const command = `/bin/sh\0-c\0sleep 300; : ${marker}`;
    const running = await eventually(async () => {
      const found = [...processesWith(marker)];
      return found.some(([, line]) => line.startsWith(command)) ? found : undefined;
    }, 60_000);
    expect(running.length).toBeGreaterThan(1);
    remember(running);
    killedPid = child.pid as number;
    child.kill('SIGKILL');
    await eventually(async () => (processesWith(marker).size === 0 ? true : undefined), 15_000);
  }, 90_000);

  // What the killed worker could not remove: the run's cgroups and its write-space mount point, named after it. Another
  // worker of the host removes them (at its boot, then every few minutes), and kills whatever still lives in those
  // cgroups: here a stand-in for a process that escaped the parent-death signal. Other suites' workers sweep too, and
  // may get there first: the end is the same.
  it("should let another worker remove the killed worker's cgroups and mount point, and kill what is left in them", async () => {
    const cgroups = [...new Set(leftovers.filter((path) => path.startsWith('/sys/fs/cgroup/')))];
    const mountPoints = leftovers.filter((path) => !path.startsWith('/sys/fs/cgroup/'));
    // The machines we test on have cgroups (v1 or v2) for root.
    expect(cgroups.length).toBeGreaterThan(0);
    expect(mountPoints).toHaveLength(1);
    expect(basename(mountPoints[0]).startsWith(`arena-run-${pidSpace()}.${killedPid}.`)).toBe(true);
    expect(cgroups.every((path) => basename(path).startsWith(`${pidSpace()}.${killedPid}.`))).toBe(true);
    const straggler = spawn('sleep', ['300'], { stdio: 'ignore' });
    const gone = new Promise((resolve) => straggler.once('exit', (code, signal) => resolve(signal)));
    try {
      let placed = false;
      for (const dir of cgroups) {
        try {
          writeFileSync(`${dir}/cgroup.procs`, String(straggler.pid));
          placed = true;
        } catch {
          // Swept already.
        }
      }
      await new SandboxRunner(loadConfig()).sweepLeftovers();
      expect([...cgroups, ...mountPoints].filter((path) => existsSync(path))).toEqual([]);
      if (placed) expect(await gone).toBe('SIGKILL');
    } finally {
      straggler.kill('SIGKILL');
    }
  }, 30_000);

  it("should leave a live worker's run alone, whoever of the host sweeps meanwhile", async () => {
    const runner = new SandboxRunner(loadConfig());
    const running = runner.run({
      command: ['/bin/sh', '-c', 'sleep 6; echo finished > /tmp/out; cat /tmp/out'],
      cwd: '/',
      mounts: [],
      limits: { ...DEFAULT_LIMITS, wallSeconds: 60 },
    });
    // Its cgroups and mount point exist while it sleeps.
    const ours = `arena-run-${pidSpace()}.${process.pid}.`;
    await eventually(async () => (readdirSync('/tmp').some((name) => name.startsWith(ours)) ? true : undefined), 10_000, 20);
    // This worker, then another one of the host (its own process).
    await runner.sweepLeftovers();
    const other = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/utils/sandbox-child.ts', '--sweep'], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
      encoding: 'utf8',
    });
    expect(other.stdout).toMatch(/"cgroups":\d+/);
    expect(readdirSync('/tmp').some((name) => name.startsWith(ours))).toBe(true);
    const result = await running;
    expect(result.verdict).toBe(SandboxVerdict.Ok);
    expect(result.stdout.trim()).toBe('finished');
  }, 60_000);
});
