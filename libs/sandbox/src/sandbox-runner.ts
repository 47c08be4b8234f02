import { AppConfig } from '@arena/config';
import { Injectable, Logger } from '@nestjs/common';
import { spawn, spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import { constants } from 'os';
import { CgroupLimits } from './cgroup-limits';
import { SandboxError, SandboxErrorCode } from './sandbox.errors';
import { SandboxLimits, SandboxRequest, SandboxResult, SandboxVerdict } from './sandbox.types';
import { verdictOf } from './sandbox-verdict';

const MiB = 1024 * 1024;
// Past this much output (both streams) the run is stopped: kept bytes are bounded separately.
const OUTPUT_HARD_CAP = 16 * MiB;
const PATH = '/usr/local/bin:/usr/bin:/bin';

function signalName(number: number): string | null {
  const entry = Object.entries(constants.signals).find(([, value]) => value === number);
  return entry ? entry[0] : null;
}

function which(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** The bubblewrap arguments: nothing shared but read-only system folders and the run's mounts. */
export function bwrapArgs(request: SandboxRequest): string[] {
  const args = [
    '--unshare-all',
    '--unshare-user',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    '--disable-userns',
    '--hostname', 'sandbox',
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/bin', '/bin',
    '--symlink', 'usr/sbin', '/sbin',
    '--symlink', 'usr/lib', '/lib',
    '--symlink', 'usr/lib64', '/lib64',
    '--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache',
    '--ro-bind-try', '/etc/alternatives', '/etc/alternatives',
    '--ro-bind-try', '/etc/localtime', '/etc/localtime',
    '--proc', '/proc',
    '--dev', '/dev',
    '--size', String(64 * MiB), '--tmpfs', '/tmp',
  ];
  for (const mount of request.mounts) args.push(mount.writable ? '--bind' : '--ro-bind', mount.host, mount.target);
  args.push('--chdir', request.cwd, '--setenv', 'PATH', PATH, '--setenv', 'HOME', '/tmp', '--setenv', 'LANG', 'C.UTF-8');
  for (const [key, value] of Object.entries(request.env ?? {})) args.push('--setenv', key, value);
  return [...args, '--', ...request.command];
}

/** prlimit's view of the limits (a soft CPU limit first, so the program gets SIGXCPU). */
export function rlimitArgs(limits: SandboxLimits): string[] {
  return [
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--as=${(limits.memoryMb + 256) * MiB}`,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.writeMb * MiB}`,
    '--nofile=256',
    '--core=0',
  ];
}

/**
 * Runs untrusted commands: bubblewrap (no network, no view of the host but read-only system folders),
 * started from an empty environment as a dedicated unprivileged uid, with rlimits, cgroup memory/pids
 * limits where writable, a wall clock that kills the whole tree, and capped output.
 */
@Injectable()
export class SandboxRunner {
  private readonly logger = new Logger(SandboxRunner.name);
  private readonly bwrap = this.locate('bwrap');
  private readonly setpriv = this.locate('setpriv');
  private readonly prlimit = this.locate('prlimit');
  private readonly uidsInUse = new Set<number>();

  constructor(private readonly config: AppConfig) {}

  /** Where a tool is installed, or null. */
  protected locate(binary: string): string | null {
    return which(binary);
  }

  /** Null when runs can go ahead; otherwise why they cannot. */
  unavailableReason(): string | null {
    if (this.config.SANDBOX_MODE === 'unsafe') return null;
    if (!this.bwrap) return 'bubblewrap (bwrap) is not installed: apt-get install -y bubblewrap, or set SANDBOX_MODE=unsafe for development';
    if (!this.prlimit) return 'prlimit (util-linux) is not installed';
    return null;
  }

  async run(request: SandboxRequest): Promise<SandboxResult> {
    const reason = this.unavailableReason();
    if (reason) throw new SandboxError(SandboxErrorCode.Unavailable, reason);
    const limits = request.limits;
    const cgroup = this.config.SANDBOX_MODE === 'bwrap' ? await CgroupLimits.create(randomUUID(), limits.memoryMb * MiB, limits.processes) : null;
    const uid = this.acquireUid();
    try {
      return await this.execute(request, uid, cgroup);
    } finally {
      this.releaseUid(uid);
      await cgroup?.remove();
    }
  }

  private argv(request: SandboxRequest, uid: number | null, cgroup: CgroupLimits | null): string[] {
    if (this.config.SANDBOX_MODE === 'unsafe') {
      const cwd = request.mounts.find((mount) => mount.target === request.cwd)?.host ?? '.';
      return ['/usr/bin/env', '-i', `PATH=${PATH}`, 'sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', cwd, ...request.command];
    }
    const drop = uid === null ? [] : [this.setpriv as string, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all'];
    const chain = ['/usr/bin/env', '-i', ...drop, this.prlimit as string, ...rlimitArgs(request.limits), '--', this.bwrap as string, ...bwrapArgs(request)];
    if (!cgroup) return chain;
    // The first process joins the run's cgroups (as root, before dropping privileges), then becomes the chain.
    const join = cgroup.procsFiles.map((file, index) => `echo $$ > "$${index + 1}"`).join(' && ');
    return ['/bin/sh', '-c', `${join} && shift ${cgroup.procsFiles.length} && exec "$@"`, 'sh', ...cgroup.procsFiles, ...chain];
  }

  private execute(request: SandboxRequest, uid: number | null, cgroup: CgroupLimits | null): Promise<SandboxResult> {
    const [command, ...args] = this.argv(request, uid, cgroup);
    const started = Date.now();
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: {} });
    const keep = request.limits.outputKeptBytes;
    const streams = { stdout: { chunks: [] as Buffer[], kept: 0, bytes: 0 }, stderr: { chunks: [] as Buffer[], kept: 0, bytes: 0 } };
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
    return new Promise((resolve) => {
      child.once('error', (error) => {
        clearTimeout(timer);
        resolve(this.result(SandboxVerdict.SystemError, null, `could not start the sandbox: ${error.message}`, streams, started, null, null));
      });
      child.once('close', async (exitCode, signal) => {
        clearTimeout(timer);
        const usage = cgroup ? await cgroup.usage() : { peakBytes: null, memoryLimitHit: false, memoryPressure: false };
        const stderr = Buffer.concat(streams.stderr.chunks).toString('utf8');
        // bubblewrap exits 128 + N when the program died of signal N.
        const byProgram = exitCode !== null && exitCode > 128 && exitCode < 128 + 65 ? signalName(exitCode - 128) : null;
        const { verdict, limit, message } = verdictOf({
          exitCode,
          signal: signal ?? byProgram,
          stoppedFor,
          memoryLimitHit: usage.memoryLimitHit,
          memoryPressure: usage.memoryPressure,
          stderr,
          limits: request.limits,
        });
        this.logger.log(`sandboxed run ended ${verdict} in ${Date.now() - started} ms (exit ${exitCode}, signal ${signal})`);
        resolve(this.result(verdict, limit, message, streams, started, exitCode, signal, usage.peakBytes));
      });
    });
  }

  private result(
    verdict: SandboxVerdict,
    limit: SandboxResult['limit'],
    message: string,
    streams: Record<'stdout' | 'stderr', { chunks: Buffer[]; bytes: number }>,
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

  // The kernel does not enforce RLIMIT_NPROC for root: a root worker hands each concurrent run its own uid.
  private acquireUid(): number | null {
    if (process.getuid?.() !== 0 || !this.setpriv) return null;
    for (let offset = 0; offset < 1024; offset += 1) {
      const uid = this.config.SANDBOX_UID_BASE + offset;
      if (!this.uidsInUse.has(uid)) {
        this.uidsInUse.add(uid);
        return uid;
      }
    }
    throw new SandboxError(SandboxErrorCode.Unavailable, 'no free sandbox uid');
  }

  private releaseUid(uid: number | null): void {
    if (uid !== null) this.uidsInUse.delete(uid);
  }
}
