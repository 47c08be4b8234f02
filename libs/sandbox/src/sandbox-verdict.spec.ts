import { DEFAULT_LIMITS, SandboxVerdict } from './sandbox.types';
import { ExitFacts, verdictOf } from './sandbox-verdict';

const facts = (overrides: Partial<ExitFacts>): ExitFacts => ({
  exitCode: 0,
  signal: null,
  stoppedFor: null,
  memoryLimitHit: false,
  memoryPressure: false,
  processLimitHit: false,
  cpuSeconds: null,
  writeLimitHit: false,
  writeSpaceFull: false,
  programRan: true,
  limits: DEFAULT_LIMITS,
  ...overrides,
});

describe('verdictOf', () => {
  it('should be ok when the program exits 0', () => {
    expect(verdictOf(facts({}))).toMatchObject({ verdict: SandboxVerdict.Ok, limit: null });
  });

  it('should name the wall-clock limit when the runner stopped the run for time', () => {
    expect(verdictOf(facts({ stoppedFor: 'wallSeconds', exitCode: null, signal: 'SIGKILL' }))).toMatchObject({
      verdict: SandboxVerdict.TimeLimit,
      limit: 'wallSeconds',
    });
  });

  it('should name the CPU limit when the program got SIGXCPU', () => {
    expect(verdictOf(facts({ exitCode: 152, signal: 'SIGXCPU' }))).toMatchObject({ verdict: SandboxVerdict.TimeLimit, limit: 'cpuSeconds' });
  });

  it('should name the memory limit when the cgroup OOM-killed the program', () => {
    expect(verdictOf(facts({ exitCode: 137, signal: 'SIGKILL', memoryLimitHit: true }))).toMatchObject({
      verdict: SandboxVerdict.MemoryLimit,
      limit: 'memoryMb',
    });
  });

  it('should not blame memory when the program only prints MemoryError and exits 1', () => {
    expect(verdictOf(facts({ exitCode: 1 }))).toMatchObject({ verdict: SandboxVerdict.RuntimeError, limit: null });
  });

  it('should name the memory limit when the cgroup hit its limit and the program died of SIGKILL', () => {
    expect(verdictOf(facts({ exitCode: 137, signal: 'SIGKILL', memoryPressure: true }))).toMatchObject({ verdict: SandboxVerdict.MemoryLimit });
  });

  it('should name the CPU limit when SIGKILL came after the cgroup counted the CPU seconds', () => {
    expect(verdictOf(facts({ exitCode: 137, signal: 'SIGKILL', cpuSeconds: 31.2 }))).toMatchObject({ verdict: SandboxVerdict.TimeLimit, limit: 'cpuSeconds' });
  });

  it('should name the CPU limit when the hard CPU limit killed a program whose page cache had filled the cgroup', () => {
    expect(verdictOf(facts({ exitCode: 137, signal: 'SIGKILL', memoryPressure: true, cpuSeconds: 31 }))).toMatchObject({ limit: 'cpuSeconds' });
  });

  it('should not name the CPU limit when the program prints its message and kills itself', () => {
    expect(verdictOf(facts({ exitCode: 137, signal: 'SIGKILL', cpuSeconds: 0.1 }))).toMatchObject({
      verdict: SandboxVerdict.RuntimeError,
      limit: null,
    });
  });

  it('should name the process limit when the pids cgroup refused a fork and the program failed', () => {
    expect(verdictOf(facts({ exitCode: 1, processLimitHit: true }))).toMatchObject({ verdict: SandboxVerdict.RuntimeError, limit: 'processes' });
  });

  it('should not name the process limit when the program only prints a fork error', () => {
    expect(verdictOf(facts({ exitCode: 1 }))).toMatchObject({ limit: null });
  });

  it('should be ok when the program survived a refused fork and exited 0', () => {
    expect(verdictOf(facts({ exitCode: 0, processLimitHit: true }))).toMatchObject({ verdict: SandboxVerdict.Ok });
  });

  it('should not blame memory when the cgroup only reclaimed and the program exited normally', () => {
    expect(verdictOf(facts({ exitCode: 2, memoryPressure: true }))).toMatchObject({ verdict: SandboxVerdict.RuntimeError });
  });

  it('should name the file size limit when a file reached it and the program failed', () => {
    expect(verdictOf(facts({ exitCode: 1, writeLimitHit: true }))).toMatchObject({ verdict: SandboxVerdict.OutputLimit, limit: 'writeMb' });
  });

  it('should not name the file size limit when the program only prints EFBIG', () => {
    expect(verdictOf(facts({ exitCode: 1 }))).toMatchObject({ verdict: SandboxVerdict.RuntimeError, limit: null });
  });

  it('should name the output limit when the runner stopped a flood of output', () => {
    expect(verdictOf(facts({ stoppedFor: 'output', signal: 'SIGKILL', exitCode: null }))).toMatchObject({ verdict: SandboxVerdict.OutputLimit, limit: 'output' });
  });

  it('should call a bubblewrap setup failure a system error when bubblewrap reported no program exit', () => {
    expect(verdictOf(facts({ exitCode: 1, programRan: false }))).toMatchObject({ verdict: SandboxVerdict.SystemError });
  });

  it('should call a failure a runtime error when the program ran, whatever it printed (e.g. "bwrap: x")', () => {
    expect(verdictOf(facts({ exitCode: 1, programRan: true }))).toMatchObject({ verdict: SandboxVerdict.RuntimeError, message: 'the program failed (exit code 1)' });
  });

  it('should name a limit hit before the program ran rather than a setup failure', () => {
    expect(verdictOf(facts({ stoppedFor: 'wallSeconds', exitCode: null, signal: 'SIGKILL', programRan: false }))).toMatchObject({ verdict: SandboxVerdict.TimeLimit });
  });

  it('should report the exit code when the program failed on its own', () => {
    expect(verdictOf(facts({ exitCode: 3 }))).toMatchObject({ verdict: SandboxVerdict.RuntimeError, message: expect.stringContaining('exit code 3') });
  });

  it('should name the total write limit when the write space was full, even when the program exited 0', () => {
    expect(verdictOf(facts({ exitCode: 0, writeSpaceFull: true }))).toMatchObject({
      verdict: SandboxVerdict.OutputLimit,
      limit: 'writeMb',
      message: expect.stringMatching(/write limit of 64 MiB in total/),
    });
  });
});
