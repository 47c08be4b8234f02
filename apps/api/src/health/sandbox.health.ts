import { SandboxStatusStore } from '@arena/sandbox';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

/**
 * The workers' sandboxes and runtimes as a detail of /health. Always "up": CTF and hackathon events without
 * checks need no sandbox, so a worker without one must not take the api out of a load balancer. `ready`
 * says whether custom scorers and code submissions can run, `reason` why not.
 */
@Injectable()
export class SandboxHealthIndicator {
  constructor(
    private readonly store: SandboxStatusStore,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const workers = await this.store.read();
      const ready = workers.find((worker) => worker.ready);
      const reason = ready
        ? null
        : (workers[0]?.reason ?? 'no worker has reported its sandbox yet (start a worker; AI custom scorers, code submissions and hackathon checks need it)');
      return check.up({
        ready: Boolean(ready),
        reason,
        isolation: (ready ?? workers[0])?.isolation ?? null,
        runtimes: (ready ?? workers[0])?.runtimes ?? {},
        workers: workers.map((worker) => ({ worker: worker.worker, ready: worker.ready, at: worker.at })),
      });
    } catch (error) {
      return check.up({ ready: false, reason: `sandbox status unreadable: ${(error as Error).message}` });
    }
  }
}
