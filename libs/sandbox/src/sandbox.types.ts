/** How a sandboxed run ended. */
export enum SandboxVerdict {
  Ok = 'ok',
  TimeLimit = 'time-limit',
  MemoryLimit = 'memory-limit',
  OutputLimit = 'output-limit',
  RuntimeError = 'runtime-error',
  SystemError = 'system-error',
}

/** The limits of one run; every one is named in the result when hit. */
export interface SandboxLimits {
  /** Wall-clock seconds before the whole process tree is killed. */
  wallSeconds: number;
  /** CPU seconds (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Memory in MiB (the run's memory cgroup; RLIMIT_AS only where there is no cgroup). */
  memoryMb: number;
  /** Processes and threads (the run's pids cgroup; RLIMIT_NPROC only where there is no cgroup). */
  processes: number;
  /** What the run may write in MiB, in total over output/, /tmp and /dev/shm (one capped tmpfs), and per file (RLIMIT_FSIZE). */
  writeMb: number;
  /** Bytes of stdout and of stderr kept in the report. */
  outputKeptBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  wallSeconds: 60,
  cpuSeconds: 30,
  memoryMb: 1024,
  processes: 64,
  writeMb: 64,
  outputKeptBytes: 64 * 1024,
};

/** A host folder made visible inside the sandbox. */
export interface SandboxMount {
  host: string;
  /** Absolute path inside the sandbox. */
  target: string;
  writable: boolean;
}

export interface SandboxRequest {
  /** argv; resolved inside the sandbox (PATH=/usr/local/bin:/usr/bin:/bin). */
  command: string[];
  /** The folder the command runs in, inside the sandbox (a mount target). */
  cwd: string;
  mounts: SandboxMount[];
  limits: SandboxLimits;
  /** Extra environment inside (the parent's environment never is). */
  env?: Record<string, string>;
  /**
   * `none` (default): a network namespace of its own with only loopback. `host`: the worker's network (attack-defence
   * checkers in development, AD_CHECKER_NETWORK=host).
   */
  network?: 'none' | 'host';
  /** Host folders hidden inside (a task's runtime, see RUNTIMES): an empty read-only tmpfs over each that exists. */
  hiddenPaths?: string[];
}

export interface SandboxResult {
  verdict: SandboxVerdict;
  /** Which limit was hit, when one was. */
  limit: keyof SandboxLimits | 'output' | null;
  exitCode: number | null;
  signal: string | null;
  /** The first `outputKeptBytes` of each stream. */
  stdout: string;
  stderr: string;
  stdoutBytes: number;
  stderrBytes: number;
  wallMs: number;
  /** Peak memory in bytes, when the memory cgroup measured it. */
  memoryPeakBytes: number | null;
  /** One line a person can read: what happened and why. */
  message: string;
}
