import { SandboxLimits, SandboxResult, SandboxVerdict } from './sandbox.types';

/** What the kernel and the runner know about how a run ended; the program cannot write any of it. */
export interface ExitFacts {
  exitCode: number | null;
  signal: string | null;
  /** Set when the runner itself killed the run. */
  stoppedFor: 'wallSeconds' | 'output' | null;
  /** The memory cgroup OOM-killed a process. */
  memoryLimitHit: boolean;
  /** The memory cgroup hit its limit at least once (reclaim or kill). */
  memoryPressure: boolean;
  /** The pids cgroup refused a fork or a thread. */
  processLimitHit: boolean;
  /** CPU seconds the cgroup accounted, when it did. */
  cpuSeconds: number | null;
  /** A file in a writable mount reached the write limit (RLIMIT_FSIZE: Python ignores SIGXFSZ and sees EFBIG). */
  writeLimitHit: boolean;
  /** The run's capped write space (one tmpfs for output/, /tmp and /dev/shm) was full when it ended: a write got ENOSPC. */
  writeSpaceFull: boolean;
  /**
   * bubblewrap reported the program's exit (its status fd's exit-code line, written only once its setup
   * finished and the program ran), or no bubblewrap was in the chain. Never read from the program's output.
   */
  programRan: boolean;
  limits: SandboxLimits;
}

type Verdict = Pick<SandboxResult, 'verdict' | 'limit' | 'message'>;

function limitHit(facts: ExitFacts): Verdict | null {
  const { limits } = facts;
  if (facts.stoppedFor === 'wallSeconds') {
    return { verdict: SandboxVerdict.TimeLimit, limit: 'wallSeconds', message: `wall-clock limit of ${limits.wallSeconds} s reached` };
  }
  if (facts.stoppedFor === 'output') {
    return { verdict: SandboxVerdict.OutputLimit, limit: 'output', message: 'too much output on stdout/stderr (16 MiB)' };
  }
  const memory: Verdict = { verdict: SandboxVerdict.MemoryLimit, limit: 'memoryMb', message: `memory limit of ${limits.memoryMb} MiB reached` };
  if (facts.memoryLimitHit) return memory;
  // SIGXCPU at the soft limit; SIGKILL at the hard one (a second later) for a program that ignored it.
  const cpuKilled = facts.signal === 'SIGKILL' && facts.cpuSeconds !== null && facts.cpuSeconds >= limits.cpuSeconds;
  if (facts.signal === 'SIGXCPU' || cpuKilled) {
    return { verdict: SandboxVerdict.TimeLimit, limit: 'cpuSeconds', message: `CPU limit of ${limits.cpuSeconds} s reached` };
  }
  // Reaching the limit also counts page-cache reclaim: it names the memory only for a SIGKILL nothing else explains.
  if (facts.memoryPressure && facts.signal === 'SIGKILL') return memory;
  // Filling the whole space is reaching the limit, whatever the program did about the ENOSPC.
  if (facts.writeSpaceFull) {
    return { verdict: SandboxVerdict.OutputLimit, limit: 'writeMb', message: `write limit of ${limits.writeMb} MiB in total (files, /tmp and /dev/shm) reached` };
  }
  const failed = facts.exitCode !== 0 || facts.signal !== null;
  if (facts.signal === 'SIGXFSZ' || (failed && facts.writeLimitHit)) {
    return { verdict: SandboxVerdict.OutputLimit, limit: 'writeMb', message: `file size limit of ${limits.writeMb} MiB reached` };
  }
  return null;
}

/** Names what ended a run from the kernel's facts only; a limit always wins over the exit code it caused. */
export function verdictOf(facts: ExitFacts): Verdict {
  const hit = limitHit(facts);
  if (hit) return hit;
  if (facts.exitCode === 0 && facts.signal === null) return { verdict: SandboxVerdict.Ok, limit: null, message: 'finished' };
  // Nothing of the program ran: setup failed (bubblewrap, the write space, the uid drop), the one refunded verdict.
  if (!facts.programRan) {
    return { verdict: SandboxVerdict.SystemError, limit: null, message: 'the sandbox could not be set up' };
  }
  if (facts.processLimitHit) {
    return { verdict: SandboxVerdict.RuntimeError, limit: 'processes', message: `process limit of ${facts.limits.processes} reached` };
  }
  const how = facts.signal ? `killed by ${facts.signal}` : `exit code ${facts.exitCode}`;
  return { verdict: SandboxVerdict.RuntimeError, limit: null, message: `the program failed (${how})` };
}
