import { MAX_RUN_WALL_SECONDS } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { constants } from 'os';
import { Duplex, Readable } from 'stream';
import { CgroupLimits } from './cgroup-limits';
import { SandboxError, SandboxErrorCode } from './sandbox.errors';
import { DEFAULT_LIMITS, SandboxLimits, SandboxRequest, SandboxResult, SandboxVerdict } from './sandbox.types';
import { LeftBehind, RunOwner } from './run-owner';
import { ExitFacts, verdictOf } from './sandbox-verdict';
import { hostSeccompArch, seccompFilter } from './seccomp-filter';
import { UidPool } from './uid-pool';
import { canMountAsRoot, parseWriteFacts, WriteCap, WritePaths } from './write-cap';
import { fileReached } from './write-limit';

const MiB = 1024 * 1024;
// Past this much output (both streams) the run is stopped: kept bytes are bounded separately.
const OUTPUT_HARD_CAP = 16 * MiB;
// After the run's process exits, how long its pipes may stay open (output still in flight) before they are closed: a
// descendant that left the process group (setsid) can hold them open for ever.
const PIPE_GRACE_MS = 1_000;
// Last on the PATH: commands the platform adds (see ALIASES) never shadow the system's own.
const ALIAS_DIR = '/opt/arena/bin';
const PATH = `/usr/local/bin:/usr/bin:/bin:${ALIAS_DIR}`;
// CodaLab and Codabench scoring programs run `python …`; Debian names it python3 only (python-is-python3 aside).
const ALIASES: Record<string, string> = { python: '/usr/bin/python3' };
// A uid lock older than the longest run (its wall limit, plus setup and teardown) has no live run behind it.
const UID_LOCK_STALE_MS = (MAX_RUN_WALL_SECONDS + 600) * 1000;
// How often a worker looks for what runs of a dead worker left on the host (see sweepLeftovers); also at boot.
const SWEEP_EVERY_MS = 10 * 60_000;
// The child's extra fds: bubblewrap reads the seccomp program from 3; the write-space helper reports on 4;
// bubblewrap reports on 5 (--json-status-fd; it closes it before the program starts).
const SECCOMP_FD = 3;
const STATUS_FD = 5;
// bubblewrap writes it only once its setup finished and the program ran, then exited.
const PROGRAM_EXITED = /"exit-code"\s*:\s*\d+/;

function signalName(number: number): string | null {
  const entry = Object.entries(constants.signals).find(([, value]) => value === number);
  return entry ? entry[0] : null;
}

function which(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/**
 * The bubblewrap arguments: nothing shared but read-only system folders and the run's mounts; a read-only
 * /dev (its devices stay usable); /tmp, /dev/shm and the writable mounts on the run's capped write space
 * (`paths`, see WriteCap), or on tmpfs of `writeMb` each without one. The program runs as nobody, without
 * capabilities, under the seccomp filter read from fd 3 when `seccomp` is set; with `status`, bubblewrap
 * reports the program's start and exit on fd 5.
 */
export function bwrapArgs(request: SandboxRequest, paths?: WritePaths, seccomp = false, status = false): string[] {
  const capped = (target: string, host: string | undefined) =>
    host ? ['--bind', host, target] : ['--perms', '01777', '--size', String(request.limits.writeMb * MiB), '--tmpfs', target];
  const args = [
    '--unshare-all',
    ...(request.network === 'host' ? ['--share-net', '--ro-bind-try', '/etc/resolv.conf', '/etc/resolv.conf', '--ro-bind-try', '/etc/hosts', '/etc/hosts'] : []),
    '--unshare-user',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    '--disable-userns',
    '--uid',
    '65534',
    '--gid',
    '65534',
    '--cap-drop',
    'ALL',
    '--hostname',
    'sandbox',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/sbin',
    '/sbin',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--ro-bind-try',
    '/etc/ld.so.cache',
    '/etc/ld.so.cache',
    '--ro-bind-try',
    '/etc/alternatives',
    '/etc/alternatives',
    '--ro-bind-try',
    '/etc/localtime',
    '/etc/localtime',
    '--proc',
    '/proc',
    // --dev makes a tmpfs with no size limit: read-only, it holds only the device nodes (separate mounts).
    '--dev',
    '/dev',
    '--remount-ro',
    '/dev',
    ...capped('/dev/shm', paths?.shm),
    ...capped('/tmp', paths?.tmp),
    '--dir',
    ALIAS_DIR,
    ...Object.entries(ALIASES).flatMap(([name, target]) => ['--symlink', target, `${ALIAS_DIR}/${name}`]),
  ];
  for (const hidden of request.hiddenPaths ?? []) args.push('--perms', '0555', '--size', '4096', '--tmpfs', hidden, '--remount-ro', hidden);
  let writable = 0;
  for (const mount of request.mounts) {
    if (!mount.writable) args.push('--ro-bind', mount.host, mount.target);
    else args.push('--bind', paths ? paths.writable[writable++] : mount.host, mount.target);
  }
  args.push('--chdir', request.cwd, '--setenv', 'PATH', PATH, '--setenv', 'HOME', '/tmp', '--setenv', 'LANG', 'C.UTF-8');
  for (const [key, value] of Object.entries(request.env ?? {})) args.push('--setenv', key, value);
  if (seccomp) args.push('--seccomp', String(SECCOMP_FD));
  if (status) args.push('--json-status-fd', String(STATUS_FD));
  return [...args, '--', ...request.command];
}

/**
 * prlimit's view of the limits (a soft CPU limit first, so the program gets SIGXCPU). With the run's cgroups
 * the kernel bounds memory and processes per run: no address-space limit (PyTorch, the JVM and Go reserve far
 * more than they use) and no RLIMIT_NPROC (it counts every process of the uid, the worker's threads too).
 */
export function rlimitArgs(limits: SandboxLimits, cgroup = false): string[] {
  const fallback = cgroup ? [] : [`--as=${(limits.memoryMb + 256) * MiB}`, `--nproc=${limits.processes}`];
  return [`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, ...fallback, `--fsize=${limits.writeMb * MiB}`, '--nofile=256', '--core=0'];
}

type Streams = Record<'stdout' | 'stderr', { chunks: Buffer[]; kept: number; bytes: number }>;

/**
 * Runs untrusted commands: bubblewrap (no network, no view of the host but read-only system folders),
 * started from an empty environment as a dedicated unprivileged uid, with rlimits, the run's own memory and
 * pids cgroups, a wall clock that kills the whole tree, and capped output.
 */
@Injectable()
export class SandboxRunner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SandboxRunner.name);
  /** Names each run's cgroups and mount point after this process, so that others can tell when it died. */
  private readonly owner = new RunOwner();
  private sweeps: NodeJS.Timeout | undefined;
  /** The sweep going (see sweepLeftovers), and the boot's, which the first run waits for. */
  private sweeping: Promise<{ cgroups: number; mountPoints: number }> | null = null;
  private booted: Promise<void> = Promise.resolve();
  private readonly bwrap = this.locate('bwrap');
  private readonly setpriv = this.locate('setpriv');
  private readonly prlimit = this.locate('prlimit');
  private readonly uids: UidPool;
  private readonly unshare = this.locate('unshare');
  protected readonly mountsAsRoot = canMountAsRoot();
  // util-linux 2.33 on: older setpriv refuses the option (and every run with it).
  private readonly pdeathsig = this.setpriv !== null && this.setprivDiesWithParent(this.setpriv);
  private readonly seccomp = ((arch) => (arch ? seccompFilter(arch) : null))(hostSeccompArch());

  constructor(private readonly config: AppConfig) {
    this.uids = new UidPool(config.SANDBOX_UID_LOCK_DIR, config.SANDBOX_UID_BASE, UID_LOCK_STALE_MS);
  }

  /** Where a tool is installed, or null. */
  protected locate(binary: string): string | null {
    return which(binary);
  }

  /** Whether this setpriv sets a parent-death signal (a run then dies with its worker, see argv). */
  protected setprivDiesWithParent(setpriv: string): boolean {
    return spawnSync(setpriv, ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' }).status === 0;
  }

  // The kernel does not enforce RLIMIT_NPROC for root: a root worker hands each concurrent run its own uid.
  protected perRunUids(): boolean {
    return process.getuid?.() === 0 && this.setpriv !== null;
  }

  /** The run's memory and pids cgroups, or null where this machine gives us none. */
  protected createCgroup(limits: SandboxLimits): Promise<CgroupLimits | null> {
    return CgroupLimits.create(this.owner.runName(), limits.memoryMb * MiB, limits.processes);
  }

  /** Null when runs can go ahead; otherwise why they cannot. */
  unavailableReason(): string | null {
    if (this.config.SANDBOX_MODE === 'unsafe') return null;
    if (!this.bwrap) return 'bubblewrap (bwrap) is not installed: apt-get install -y bubblewrap, or set SANDBOX_MODE=unsafe for development';
    if (!this.prlimit) return 'prlimit (util-linux) is not installed';
    if (!this.unshare) return 'unshare (util-linux) is not installed';
    return null;
  }

  /** Why untrusted code is refused in production with neither a per-run uid nor cgroups (limits shared by all runs); else null. */
  sharedLimitsRefusal(cgroups: boolean): string | null {
    if (this.config.SANDBOX_MODE !== 'bwrap' || !this.config.isProduction || this.config.SANDBOX_ALLOW_SHARED_LIMITS) return null;
    if (cgroups || this.perRunUids()) return null;
    return (
      'the sandbox refuses untrusted code on this worker: it has neither a per-run uid (the worker is not root) nor ' +
      'memory and pids cgroups (none delegated), so one run could take the memory and processes of every run; ' +
      'run the worker as root or with a delegated cgroup, or set SANDBOX_ALLOW_SHARED_LIMITS=true to accept shared limits'
    );
  }

  private isolationLine: string | null = null;

  /** How runs are isolated here (the boot line), or null before boot and where they cannot run. */
  isolation(): string | null {
    return this.isolationLine;
  }

  /** One line at boot: how runs are isolated here, or why they are refused. */
  async onModuleInit(): Promise<void> {
    const reason = this.unavailableReason();
    if (reason) return void this.logger.warn(`sandbox unavailable: ${reason}`);
    if (this.config.SANDBOX_MODE === 'unsafe') {
      this.isolationLine = 'none: SANDBOX_MODE=unsafe, untrusted code runs unconfined';
      return void this.logger.warn('sandbox: SANDBOX_MODE=unsafe, untrusted code runs unconfined');
    }
    const probe = await this.createCgroup({ ...DEFAULT_LIMITS, memoryMb: 64, processes: 8 });
    const removed = probe ? await probe.remove() : true;
    const refusal = this.sharedLimitsRefusal(probe !== null && removed);
    if (refusal) return void this.logger.error(refusal);
    const cgroups = probe ? `cgroup v${probe.version} memory and pids` : 'no cgroups (limits shared: SANDBOX_ALLOW_SHARED_LIMITS)';
    this.isolationLine = `bubblewrap, ${this.perRunUids() ? 'a uid per run' : "the worker's uid"}, ${cgroups}`;
    this.logger.log(`sandbox: ${this.isolationLine}`);
    if (!this.pdeathsig) this.logger.warn('sandbox: setpriv with --pdeathsig (util-linux 2.33+) is missing: runs outlive a worker killed mid-run');
    // The first run waits for it: a uid the pool takes back from a dead worker may still run a process it left.
    this.booted = this.sweepLeftovers().then(() => undefined);
    this.sweeps = setInterval(() => void this.sweepLeftovers(), SWEEP_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeps);
  }

  /**
   * Removes what runs of a dead worker left on this host, which that worker would have removed at the end of the run:
   * their cgroups (killing anything still in them: a process that escaped the parent-death signal) and their empty
   * write-space mount points (see RunOwner.leftBehind for whose). Answers how many of each went. One sweep at a time.
   */
  sweepLeftovers(now = Date.now()): Promise<{ cgroups: number; mountPoints: number }> {
    this.sweeping ??= this.sweep(now).finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweep(now: number): Promise<{ cgroups: number; mountPoints: number }> {
    const leftBehind: LeftBehind = (name, modifiedMs) => this.owner.leftBehind(name, modifiedMs, UID_LOCK_STALE_MS, now);
    try {
      const { removed: cgroups, stuck } = await CgroupLimits.sweep(leftBehind);
      const mountPoints = await WriteCap.sweep(leftBehind);
      if (cgroups + mountPoints > 0)
        this.logger.warn(`sandbox: removed what runs of a worker that died left behind: ${cgroups} runs' cgroups (anything still in them killed), ${mountPoints} mount points`);
      if (stuck.length > 0) this.logger.warn(`sandbox: cgroups of dead workers' runs that could not be removed (a process in them outlives SIGKILL): ${stuck.join(', ')}`);
      return { cgroups, mountPoints };
    } catch (error) {
      this.logger.warn(`sandbox: the leftovers of dead workers' runs were not swept: ${String(error)}`);
      return { cgroups: 0, mountPoints: 0 };
    }
  }

  async run(asked: SandboxRequest): Promise<SandboxResult> {
    // Held to the tasks' bound even for limits stored before it: the uid pool's stale-lock age relies on it.
    const request = {
      ...asked,
      limits: { ...asked.limits, wallSeconds: Math.min(asked.limits.wallSeconds, MAX_RUN_WALL_SECONDS) },
      // A folder this host lacks has nothing to hide (and bubblewrap could not make it under the read-only /usr).
      hiddenPaths: (asked.hiddenPaths ?? []).filter((path) => existsSync(path)),
    };
    const reason = this.unavailableReason();
    if (reason) throw new SandboxError(SandboxErrorCode.Unavailable, reason);
    await this.booted;
    const cgroup = this.config.SANDBOX_MODE === 'bwrap' ? await this.createCgroup(request.limits) : null;
    let uid: number | null = null;
    let cap: WriteCap | null = null;
    try {
      // A result, not an error: retrying cannot help, and the submission says why.
      const refusal = this.sharedLimitsRefusal(cgroup !== null);
      if (refusal) return this.result(SandboxVerdict.SystemError, null, refusal, emptyStreams(), Date.now(), null, null);
      uid = this.config.SANDBOX_MODE === 'bwrap' && this.perRunUids() ? await this.uids.acquire() : null;
      cap = this.config.SANDBOX_MODE === 'bwrap' ? await WriteCap.create(request.limits.writeMb, this.owner.prefix()) : null;
      return await this.execute(request, uid, cgroup, cap);
    } finally {
      if (uid !== null) await this.uids.release(uid);
      if (cgroup && !(await cgroup.remove())) this.logger.warn(`a run's cgroup could not be removed: ${cgroup.directories.join(', ')}`);
      await cap?.remove();
    }
  }

  protected argv(request: SandboxRequest, uid: number | null, cgroup: CgroupLimits | null, cap: WriteCap | null): string[] {
    if (this.config.SANDBOX_MODE === 'unsafe') {
      const cwd = request.mounts.find((mount) => mount.target === request.cwd)?.host ?? '.';
      return ['/usr/bin/env', '-i', `PATH=${PATH}`, 'sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', cwd, ...request.command];
    }
    // The run dies with this process (a worker killed mid-run, whose wall clock dies with it): the chain's first process
    // is this one's child and, with the write-space helper, stays the parent of bubblewrap, whose --die-with-parent
    // takes the rest. Set by setpriv after any change of uid (which clears it), and kept across the execs that follow.
    const dieWithUs = this.pdeathsig ? ['--pdeathsig', 'KILL'] : [];
    const drop = uid === null ? [] : [this.setpriv as string, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', ...dieWithUs];
    const writable = request.mounts.filter((mount) => mount.writable).map((mount) => mount.host);
    const rlimits = rlimitArgs(request.limits, cgroup !== null);
    const sandboxed = [
      this.prlimit as string,
      ...rlimits,
      '--',
      this.bwrap as string,
      ...bwrapArgs(request, cap?.paths(writable.length), cap !== null && this.seccomp !== null, cap !== null),
    ];
    // The write-space helper mounts as root when it may, before the uid drop; otherwise as the run's uid, after it.
    const capped = (chain: string[], asRoot: boolean) => (cap ? cap.wrap(this.unshare as string, asRoot, writable, chain) : chain);
    const first = this.pdeathsig && (this.mountsAsRoot || uid === null) ? [this.setpriv as string, ...dieWithUs] : [];
    const chain = ['/usr/bin/env', '-i', ...first, ...(this.mountsAsRoot ? capped([...drop, ...sandboxed], true) : [...drop, ...capped(sandboxed, false)])];
    if (!cgroup) return chain;
    // The first process joins the run's cgroups (as root, before dropping privileges), then becomes the chain.
    const join = cgroup.procsFiles.map((file, index) => `echo $$ > "$${index + 1}"`).join(' && ');
    return ['/bin/sh', '-c', `${join} && shift ${cgroup.procsFiles.length} && exec "$@"`, 'sh', ...cgroup.procsFiles, ...chain];
  }

  private execute(request: SandboxRequest, uid: number | null, cgroup: CgroupLimits | null, cap: WriteCap | null): Promise<SandboxResult> {
    const [command, ...args] = this.argv(request, uid, cgroup, cap);
    const started = Date.now();
    // Fds 3 to 5 are the side channels of bubblewrap and of the write-space helper (see sideChannels).
    const stdio = (cap ? ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe']) as ['ignore', 'pipe', 'pipe'];
    const child = spawn(command, args, { detached: true, stdio, env: {} });
    const { write: writeReport, status } = this.sideChannels(child, cap);
    const keep = request.limits.outputKeptBytes;
    const streams = emptyStreams();
    let stoppedFor: 'wallSeconds' | 'output' | null = null;
    const killTree = () => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const collect = (name: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const stream = streams[name];
      stream.bytes += chunk.length;
      if (stream.kept < keep) {
        const part = chunk.subarray(0, keep - stream.kept);
        stream.chunks.push(part);
        stream.kept += part.length;
      }
      if (streams.stdout.bytes + streams.stderr.bytes > OUTPUT_HARD_CAP && !stoppedFor) {
        stoppedFor = 'output';
        killTree();
      }
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    const timer = setTimeout(() => {
      stoppedFor = stoppedFor ?? 'wallSeconds';
      killTree();
    }, request.limits.wallSeconds * 1000);
    // 'close' waits for every pipe; the run ends with its process: once it has exited, the pipes get a grace period.
    let grace: NodeJS.Timeout | undefined;
    child.once('exit', () => {
      grace = setTimeout(() => {
        killTree();
        for (const pipe of child.stdio) pipe?.destroy();
      }, PIPE_GRACE_MS);
    });
    return new Promise((resolve) => {
      child.once('error', (error) => {
        clearTimeout(timer);
        resolve(this.result(SandboxVerdict.SystemError, null, `could not start the sandbox: ${error.message}`, streams, started, null, null));
      });
      const ended = async (exitCode: number | null, signal: NodeJS.Signals | null): Promise<SandboxResult> => {
        const written = parseWriteFacts(writeReport.text);
        if (written.setupFailed) {
          return this.result(SandboxVerdict.SystemError, null, "the sandbox's write space could not be mounted", streams, started, exitCode, signal);
        }
        // Without bubblewrap's status fd (no write space: unsafe mode) the program is taken to have run.
        const programRan = cap === null || PROGRAM_EXITED.test(status.text);
        const { verdict, limit, message, peakBytes } = await this.judge(request, cgroup, { exitCode, signal, stoppedFor, writeSpaceFull: written.writeLimitHit, programRan });
        this.logger.log(`sandboxed run ended ${verdict} in ${Date.now() - started} ms (exit ${exitCode}, signal ${signal})`);
        return this.result(verdict, limit, message, streams, started, exitCode, signal, peakBytes);
      };
      child.once('close', (exitCode, signal) => {
        clearTimeout(timer);
        clearTimeout(grace);
        // A verdict that cannot be read (a cgroup gone) is the platform's failure, not a run that never ends.
        ended(exitCode, signal).then(resolve, (error: unknown) =>
          resolve(
            this.result(
              SandboxVerdict.SystemError,
              null,
              `the run's end could not be judged: ${error instanceof Error ? error.message : String(error)}`,
              streams,
              started,
              exitCode,
              signal,
            ),
          ),
        );
      });
    });
  }

  /** The verdict from what the kernel and the runner saw (never from what the program printed). */
  private async judge(request: SandboxRequest, cgroup: CgroupLimits | null, ended: Pick<ExitFacts, 'exitCode' | 'signal' | 'stoppedFor' | 'writeSpaceFull' | 'programRan'>) {
    const { exitCode, signal } = ended;
    const usage = cgroup ? await cgroup.usage() : { peakBytes: null, memoryLimitHit: false, memoryPressure: false, processLimitHit: false, cpuSeconds: null };
    // bubblewrap exits 128 + N when the program died of signal N.
    const byProgram = exitCode !== null && exitCode > 128 && exitCode < 128 + 65 ? signalName(exitCode - 128) : null;
    const failed = exitCode !== 0 || signal !== null;
    const writable = request.mounts.filter((mount) => mount.writable).map((mount) => mount.host);
    const facts: ExitFacts = {
      ...ended,
      signal: signal ?? byProgram,
      ...usage,
      writeLimitHit: failed && (await fileReached(writable, request.limits.writeMb * MiB)),
      limits: request.limits,
    };
    return { ...verdictOf(facts), peakBytes: usage.peakBytes };
  }

  /** Hands bubblewrap the seccomp program (fd 3); collects the write-space helper's report (fd 4) and bubblewrap's status (fd 5). */
  private sideChannels(child: ChildProcess, cap: WriteCap | null): { write: { text: string }; status: { text: string } } {
    const channels = { write: { text: '' }, status: { text: '' } };
    if (!cap) return channels;
    const [, , , seccomp, facts, status] = child.stdio as unknown as [null, Readable, Readable, Duplex | null, Readable | null, Readable | null];
    if (!seccomp || !facts || !status) return channels; // Not started: the 'error' handler answers.
    seccomp.on('error', () => undefined); // The chain died before bubblewrap read it: the run fails anyway.
    seccomp.resume();
    seccomp.end(this.seccomp ?? Buffer.alloc(0));
    const collect = (into: { text: string }) => (chunk: Buffer) => {
      if (into.text.length < 4096) into.text += chunk.toString('utf8');
    };
    facts.on('data', collect(channels.write));
    status.on('data', collect(channels.status));
    return channels;
  }

  private result(
    verdict: SandboxVerdict,
    limit: SandboxResult['limit'],
    message: string,
    streams: Streams,
    started: number,
    exitCode: number | null,
    signal: string | null,
    memoryPeakBytes: number | null = null,
  ): SandboxResult {
    return {
      verdict,
      limit,
      exitCode,
      signal,
      stdout: Buffer.concat(streams.stdout.chunks).toString('utf8'),
      stderr: Buffer.concat(streams.stderr.chunks).toString('utf8'),
      stdoutBytes: streams.stdout.bytes,
      stderrBytes: streams.stderr.bytes,
      wallMs: Date.now() - started,
      memoryPeakBytes,
      message,
    };
  }
}

function emptyStreams(): Streams {
  return { stdout: { chunks: [], kept: 0, bytes: 0 }, stderr: { chunks: [], kept: 0, bytes: 0 } };
}
