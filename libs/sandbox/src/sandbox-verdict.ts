import { SandboxLimits, SandboxResult, SandboxVerdict } from './sandbox.types';

export interface ExitFacts {
  exitCode: number | null;
  signal: string | null;
  /** Set when the runner itself killed the run. */
  stoppedFor: 'wallSeconds' | 'output' | null;
  /** The memory cgroup OOM-killed a process. */
  memoryLimitHit: boolean;
  /** The memory cgroup hit its limit at least once (reclaim or kill). */
  memoryPressure: boolean;
  /** The run's capped write space (tmpfs) was full when it ended: a write got ENOSPC. */
  writeLimitHit?: boolean;
  stderr: string;
  limits: SandboxLimits;
}

// How programs report a failed allocation under RLIMIT_AS when no cgroup saw it.
const OUT_OF_MEMORY = /MemoryError|Cannot allocate memory|std::bad_alloc|out of memory|JavaScript heap out of memory/i;
// bubblewrap's own failures (setup, not the program).
const BWRAP_FAILURE = /^bwrap: /m;

/** Names what ended a run, with the limit hit; a limit always wins over the exit code it caused. */
export function verdictOf(facts: ExitFacts): Pick<SandboxResult, 'verdict' | 'limit' | 'message'> {
  const { limits } = facts;
  if (facts.stoppedFor === 'wallSeconds') {
    return { verdict: SandboxVerdict.TimeLimit, limit: 'wallSeconds', message: `wall-clock limit of ${limits.wallSeconds} s reached` };
  }
  if (facts.stoppedFor === 'output') {
    return { verdict: SandboxVerdict.OutputLimit, limit: 'output', message: 'too much output on stdout/stderr (16 MiB)' };
  }
  if (facts.signal === 'SIGXCPU' || (facts.signal === 'SIGKILL' && /CPU time limit/i.test(facts.stderr))) {
    return { verdict: SandboxVerdict.TimeLimit, limit: 'cpuSeconds', message: `CPU limit of ${limits.cpuSeconds} s reached` };
  }
  const oomKilled = facts.memoryLimitHit || (facts.memoryPressure && facts.signal === 'SIGKILL');
  if (oomKilled || (facts.exitCode !== 0 && OUT_OF_MEMORY.test(facts.stderr))) {
    return { verdict: SandboxVerdict.MemoryLimit, limit: 'memoryMb', message: `memory limit of ${limits.memoryMb} MiB reached` };
  }
  if (facts.writeLimitHit) {
    return { verdict: SandboxVerdict.OutputLimit, limit: 'writeMb', message: `write limit of ${limits.writeMb} MiB in total (files, /tmp and /dev/shm) reached` };
  }
  if (facts.signal === 'SIGXFSZ' || /File size limit exceeded|File too large|EFBIG/i.test(facts.stderr)) {
    return { verdict: SandboxVerdict.OutputLimit, limit: 'writeMb', message: `file size limit of ${limits.writeMb} MiB reached` };
  }
  if (facts.exitCode === 0 && facts.signal === null) return { verdict: SandboxVerdict.Ok, limit: null, message: 'finished' };
  if (BWRAP_FAILURE.test(facts.stderr) && facts.exitCode === 1) {
    return { verdict: SandboxVerdict.SystemError, limit: null, message: 'the sandbox could not be set up' };
  }
  if (/Resource temporarily unavailable|fork: retry|can't fork/i.test(facts.stderr)) {
    return { verdict: SandboxVerdict.RuntimeError, limit: 'processes', message: `process limit of ${limits.processes} reached` };
  }
  const how = facts.signal ? `killed by ${facts.signal}` : `exit code ${facts.exitCode}`;
  return { verdict: SandboxVerdict.RuntimeError, limit: null, message: `the program failed (${how})` };
}
