import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'os';
import { SandboxRunner } from './sandbox-runner';
import { RUNTIMES, RuntimeReport, SandboxRuntime } from './sandbox-runtimes';
import { SandboxStatusStore, WorkerSandboxStatus } from './sandbox-status.store';
import { DEFAULT_LIMITS, SandboxVerdict } from './sandbox.types';

const REFRESH_MS = 30_000;
// The verdict's message when nothing of the program ran (see verdictOf).
const SETUP_FAILED = 'the sandbox could not be set up';

// Reads versions from the packages' metadata: importing scikit-learn would cost seconds of CPU at every boot.
const PROBE = `
import json, platform, sys
from importlib import metadata
wanted = json.loads(sys.argv[1])
found = {'python': platform.python_version()}
missing = []
for name in wanted:
    try:
        found[name] = metadata.version(name)
    except Exception:
        missing.append(name)
print(json.dumps({'versions': found, 'missing': missing}))
`;

/**
 * The worker's sandbox readiness and its runtimes' versions, probed once at boot inside the sandbox itself
 * (so a missing bwrap, disabled user namespaces or a missing package show), then kept fresh in Redis for /health.
 */
@Injectable()
export class SandboxStatusPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SandboxStatusPublisher.name);
  private readonly worker = `${hostname()}:${process.pid}`;
  private timer: NodeJS.Timeout | null = null;
  private status: WorkerSandboxStatus | null = null;

  constructor(
    private readonly runner: SandboxRunner,
    private readonly store: SandboxStatusStore,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the worker takes jobs meanwhile, and a slow probe must not hold its start.
    void this.probe()
      .then((status) => {
        this.status = status;
        return this.publish();
      })
      .catch((error: Error) => this.logger.warn(`sandbox status not published: ${error.message}`));
    this.timer = setInterval(() => void this.publish().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.store.remove(this.worker).catch(() => undefined);
  }

  private async publish(): Promise<void> {
    if (this.status) await this.store.write({ ...this.status, at: new Date().toISOString() });
  }

  /** Runs the probe in the sandbox once per runtime (a runtime hides folders, so each is probed as tasks see it). */
  async probe(): Promise<WorkerSandboxStatus> {
    const base = { worker: this.worker, at: new Date().toISOString(), isolation: this.runner.isolation() };
    const reason = this.runner.unavailableReason();
    if (reason) return { ...base, ready: false, reason: `the sandbox is unavailable on this worker: ${reason}`, runtimes: {} };
    const runtimes: Partial<Record<SandboxRuntime, RuntimeReport>> = {};
    let failure: string | null = null;
    for (const runtime of Object.values(RUNTIMES)) {
      const packages = Object.values(runtime.modules);
      const run = await this.runner.run({
        command: ['python3', '-c', PROBE, JSON.stringify(packages)],
        cwd: '/tmp',
        mounts: [],
        limits: { ...DEFAULT_LIMITS, wallSeconds: 30, cpuSeconds: 10, memoryMb: 256 },
        hiddenPaths: runtime.hiddenPaths,
      });
      if (run.verdict !== SandboxVerdict.Ok) {
        failure =
          run.verdict !== SandboxVerdict.SystemError
            ? `python3: ${run.message}`
            : run.message === SETUP_FAILED
              ? `${run.message} (bubblewrap needs unprivileged user namespaces)`
              : run.message;
        runtimes[runtime.name] = { ready: false, versions: {}, missing: ['python3', ...packages] };
        continue;
      }
      const found = parseProbe(run.stdout);
      runtimes[runtime.name] = { ready: found.missing.length === 0, versions: found.versions, missing: found.missing };
    }
    const ready = failure === null;
    const status = { ...base, ready, reason: failure ? `the sandbox is unavailable on this worker: ${failure}` : null, runtimes };
    this.logger.log(`sandbox ${ready ? 'ready' : 'unavailable'}; runtimes: ${describe(runtimes)}`);
    return status;
  }
}

function parseProbe(stdout: string): { versions: Record<string, string>; missing: string[] } {
  try {
    const parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as { versions: Record<string, string>; missing: string[] };
    return { versions: parsed.versions ?? {}, missing: parsed.missing ?? [] };
  } catch {
    return { versions: {}, missing: ['python3'] };
  }
}

function describe(runtimes: Partial<Record<SandboxRuntime, RuntimeReport>>): string {
  return Object.entries(runtimes)
    .map(
      ([name, report]) =>
        `${name} (${Object.entries(report?.versions ?? {})
          .map(([key, value]) => `${key} ${value}`)
          .join(', ')}${report?.missing.length ? `; missing ${report.missing.join(', ')}` : ''})`,
    )
    .join(', ');
}
