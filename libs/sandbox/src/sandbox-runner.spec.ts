import { MAX_RUN_WALL_SECONDS } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Logger } from '@nestjs/common';
import { CgroupLimits } from './cgroup-limits';
import { bwrapArgs, rlimitArgs, SandboxRunner } from './sandbox-runner';
import { DEFAULT_LIMITS, SandboxLimits, SandboxVerdict } from './sandbox.types';

describe('sandbox arguments', () => {
  const args = bwrapArgs({
    command: ['python3', 'score.py'],
    cwd: '/job',
    mounts: [
      { host: '/tmp/job', target: '/job', writable: false },
      { host: '/tmp/job/output', target: '/job/output', writable: true },
    ],
    limits: DEFAULT_LIMITS,
    env: { SPLIT: 'public' },
  });

  it('should unshare every namespace and clear the environment', () => {
    expect(args).toEqual(expect.arrayContaining(['--unshare-all', '--unshare-user', '--die-with-parent', '--new-session', '--clearenv']));
  });

  it('should mount the job read-only and only its output writable, in that order', () => {
    const job = args.indexOf('/tmp/job');
    expect(args[job - 1]).toBe('--ro-bind');
    const output = args.indexOf('/tmp/job/output');
    expect(args[output - 1]).toBe('--bind');
    expect(output).toBeGreaterThan(job);
  });

  it('should end with the command after --', () => {
    expect(args.slice(-3)).toEqual(['--', 'python3', 'score.py']);
    expect(args).toEqual(expect.arrayContaining(['--setenv', 'SPLIT', 'public']));
  });

  it('should make /dev read-only and give /dev/shm and /tmp a size when no write space is given', () => {
    expect(args.join(' ')).toContain('--dev /dev --remount-ro /dev');
    expect(args.join(' ')).toContain(`--perms 01777 --size ${64 * 1024 * 1024} --tmpfs /dev/shm`);
    expect(args.join(' ')).toContain(`--perms 01777 --size ${64 * 1024 * 1024} --tmpfs /tmp`);
  });

  it('should put /tmp, /dev/shm and the writable mounts on the capped write space when one is given', () => {
    const capped = bwrapArgs(
      {
        command: ['true'],
        cwd: '/job',
        mounts: [
          { host: '/tmp/job', target: '/job', writable: false },
          { host: '/tmp/job/output', target: '/job/output', writable: true },
        ],
        limits: DEFAULT_LIMITS,
      },
      { tmp: '/cap/tmp', shm: '/cap/shm', writable: ['/cap/w0'] },
      true,
    ).join(' ');
    expect(capped).toContain('--bind /cap/shm /dev/shm');
    expect(capped).toContain('--bind /cap/tmp /tmp');
    expect(capped).toContain('--bind /cap/w0 /job/output');
    expect(capped).not.toContain('/tmp/job/output');
    expect(capped).toContain('--seccomp 3 --');
    expect(capped.indexOf('--remount-ro /dev')).toBeLessThan(capped.indexOf('/dev/shm'));
  });

  it('should ask bubblewrap for its status on fd 5 when the run has its side channels', () => {
    const request = { command: ['true'], cwd: '/job', mounts: [], limits: DEFAULT_LIMITS };
    expect(bwrapArgs(request, undefined, true, true).join(' ')).toContain('--seccomp 3 --json-status-fd 5 --');
    expect(bwrapArgs(request)).not.toContain('--json-status-fd');
  });

  it('should run the program as nobody without capabilities', () => {
    expect(args.join(' ')).toContain('--uid 65534 --gid 65534 --cap-drop ALL');
    expect(args).not.toContain('--seccomp');
  });

  it('should set every rlimit with a soft CPU limit below the hard one when there is no cgroup', () => {
    expect(rlimitArgs({ ...DEFAULT_LIMITS, cpuSeconds: 30, processes: 64 })).toEqual(
      expect.arrayContaining(['--cpu=30:31', '--nproc=64', '--core=0', `--fsize=${64 * 1024 * 1024}`]),
    );
  });

  it('should leave address space and RLIMIT_NPROC to the cgroup when the run has one', () => {
    const limits = rlimitArgs({ ...DEFAULT_LIMITS, cpuSeconds: 30 }, true);
    expect(limits.filter((arg) => arg.startsWith('--as') || arg.startsWith('--nproc'))).toEqual([]);
    expect(limits).toEqual(expect.arrayContaining(['--cpu=30:31', `--fsize=${64 * 1024 * 1024}`]));
  });
});

describe('sandbox availability', () => {
  const config = (mode: string) => ({ SANDBOX_MODE: mode, SANDBOX_UID_BASE: 61000, SANDBOX_UID_LOCK_DIR: '/nonexistent/uids' }) as unknown as AppConfig;

  // A machine without bubblewrap or util-linux.
  class BareMachineRunner extends SandboxRunner {
    protected override locate(): string | null {
      return null;
    }
  }

  it('should refuse untrusted runs with a clear error when bubblewrap is missing', async () => {
    const runner = new BareMachineRunner(config('bwrap'));
    expect(runner.unavailableReason()).toMatch(/apt-get install -y bubblewrap/);
    await expect(runner.run({ command: ['true'], cwd: '/', mounts: [], limits: DEFAULT_LIMITS })).rejects.toMatchObject({ code: 'sandbox-unavailable' });
  });

  it('should run anyway when the operator chose the unsafe development mode', () => {
    const runner = new BareMachineRunner(config('unsafe'));
    expect(runner.unavailableReason()).toBeNull();
  });
});

describe('sandbox refusal of shared limits', () => {
  const config = (overrides: Record<string, unknown>) =>
    ({
      SANDBOX_MODE: 'bwrap',
      SANDBOX_UID_BASE: 61000,
      SANDBOX_UID_LOCK_DIR: '/nonexistent/uids',
      SANDBOX_ALLOW_SHARED_LIMITS: false,
      isProduction: true,
      ...overrides,
    }) as unknown as AppConfig;

  // The Docker shape: bubblewrap is there, the worker is not root and has no cgroup of its own.
  class SharedLimitsRunner extends SandboxRunner {
    readonly logged: string[] = [];
    protected override locate(binary: string): string | null {
      return `/usr/bin/${binary}`;
    }
    protected override perRunUids(): boolean {
      return false;
    }
    protected override createCgroup(): Promise<CgroupLimits | null> {
      return Promise.resolve(null);
    }
  }

  it('should answer a system error naming the way out when production has neither a per-run uid nor cgroups', async () => {
    const result = await new SharedLimitsRunner(config({})).run({ command: ['true'], cwd: '/', mounts: [], limits: DEFAULT_LIMITS });
    expect(result).toMatchObject({ verdict: SandboxVerdict.SystemError, exitCode: null });
    expect(result.message).toMatch(/neither a per-run uid .* nor memory and pids cgroups/);
    expect(result.message).toContain('SANDBOX_ALLOW_SHARED_LIMITS=true');
  });

  it('should say so in one line at boot when production has neither a per-run uid nor cgroups', async () => {
    const runner = new SharedLimitsRunner(config({}));
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await runner.onModuleInit();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('refuses untrusted code'));
    error.mockRestore();
  });

  it('should not refuse when the operator accepted shared limits or outside production', () => {
    expect(new SharedLimitsRunner(config({ SANDBOX_ALLOW_SHARED_LIMITS: true })).sharedLimitsRefusal(false)).toBeNull();
    expect(new SharedLimitsRunner(config({ isProduction: false })).sharedLimitsRefusal(false)).toBeNull();
  });

  it('should not refuse when the run has its cgroups', () => {
    expect(new SharedLimitsRunner(config({})).sharedLimitsRefusal(true)).toBeNull();
  });

  it("should hold a run to the tasks' longest wall limit when it asks for more", async () => {
    // The uid pool reclaims a lock older than that bound: no run may outlive it.
    const seen: SandboxLimits[] = [];
    const runner = new SharedLimitsRunner(config({}));
    jest.spyOn(runner as unknown as { createCgroup: (limits: SandboxLimits) => Promise<null> }, 'createCgroup').mockImplementation((limits) => {
      seen.push(limits);
      return Promise.resolve(null);
    });
    await runner.run({ command: ['true'], cwd: '/', mounts: [], limits: { ...DEFAULT_LIMITS, wallSeconds: MAX_RUN_WALL_SECONDS * 3 } });
    expect(seen.map((limits) => limits.wallSeconds)).toEqual([MAX_RUN_WALL_SECONDS]);
  });
});

describe('sandbox chain: a run dies with its worker', () => {
  const config = { SANDBOX_MODE: 'bwrap', SANDBOX_UID_BASE: 61000, SANDBOX_UID_LOCK_DIR: '/nonexistent/uids' } as unknown as AppConfig;
  const request = { command: ['true'], cwd: '/', mounts: [], limits: DEFAULT_LIMITS };

  /** The chain as a worker of the given shape builds it (no tool is run: setpriv's answer is given). */
  function chainOf(shape: { mountsAsRoot: boolean; uid: number | null; pdeathsig: boolean }): string[] {
    class ShapedRunner extends SandboxRunner {
      protected override readonly mountsAsRoot = shape.mountsAsRoot;
      protected override locate(binary: string): string | null {
        return `/usr/bin/${binary}`;
      }
      protected override setprivDiesWithParent(): boolean {
        return shape.pdeathsig;
      }
      chain(): string[] {
        return this.argv(request, shape.uid, null, null);
      }
    }
    return new ShapedRunner(config).chain();
  }
  const setprivs = (chain: string[]) => chain.map((arg, index) => [arg, index] as const).filter(([arg]) => arg === '/usr/bin/setpriv');

  it('should set the signal first, before the helper, when the helper mounts as root (the uid drop comes after it)', () => {
    const chain = chainOf({ mountsAsRoot: true, uid: 61001, pdeathsig: true });
    expect(chain.slice(0, 5)).toEqual(['/usr/bin/env', '-i', '/usr/bin/setpriv', '--pdeathsig', 'KILL']);
  });

  it('should set it in the uid drop itself when the helper runs after it (a uid change clears an earlier one)', () => {
    const chain = chainOf({ mountsAsRoot: false, uid: 61001, pdeathsig: true });
    const [[, drop]] = setprivs(chain);
    expect(drop).toBe(2);
    expect(chain.slice(drop, drop + 7)).toEqual(['/usr/bin/setpriv', '--reuid=61001', '--regid=61001', '--clear-groups', '--inh-caps=-all', '--pdeathsig', 'KILL']);
  });

  it('should set it first when no uid is dropped', () => {
    expect(chainOf({ mountsAsRoot: false, uid: null, pdeathsig: true }).slice(0, 5)).toEqual(['/usr/bin/env', '-i', '/usr/bin/setpriv', '--pdeathsig', 'KILL']);
  });

  it('should leave the option out where setpriv does not know it (util-linux before 2.33 refuses it)', () => {
    for (const mountsAsRoot of [true, false]) {
      for (const uid of [61001, null]) expect(chainOf({ mountsAsRoot, uid, pdeathsig: false })).not.toContain('--pdeathsig');
    }
  });
});
