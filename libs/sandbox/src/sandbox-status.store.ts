import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RuntimeReport, SandboxRuntime } from './sandbox-runtimes';

/** What one worker found of its sandbox at boot, refreshed while it runs. */
export interface WorkerSandboxStatus {
  /** hostname:pid */
  worker: string;
  /** When the worker last confirmed it (ISO time). */
  at: string;
  ready: boolean;
  /** Why runs cannot go ahead on this worker, when they cannot. */
  reason: string | null;
  /** e.g. `bubblewrap, a uid per run, cgroup v1 memory and pids`. */
  isolation: string | null;
  runtimes: Partial<Record<SandboxRuntime, RuntimeReport>>;
}

// A worker confirms its status every 30 s; past this age it is taken to be gone.
const FRESH_MS = 90_000;

/** The workers' sandbox statuses in Redis (one hash field per worker), for /health and for tasks recording their runtime. */
@Injectable()
export class SandboxStatusStore {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.key = `${config.BULLMQ_PREFIX}:sandbox-workers`;
  }

  async write(status: WorkerSandboxStatus): Promise<void> {
    await this.redis.hset(this.key, status.worker, JSON.stringify(status));
  }

  async remove(worker: string): Promise<void> {
    await this.redis.hdel(this.key, worker);
  }

  /** The statuses of the workers alive now, newest first; stale ones are dropped. */
  async read(now = Date.now()): Promise<WorkerSandboxStatus[]> {
    const entries = Object.entries(await this.redis.hgetall(this.key));
    const alive: WorkerSandboxStatus[] = [];
    for (const [field, text] of entries) {
      let status: WorkerSandboxStatus | null;
      try {
        status = JSON.parse(text) as WorkerSandboxStatus;
      } catch {
        status = null;
      }
      if (status && now - Date.parse(status.at) < FRESH_MS) alive.push(status);
      else await this.redis.hdel(this.key, field);
    }
    return alive.sort((a, b) => b.at.localeCompare(a.at));
  }

  /** The versions a ready worker reports for the runtime (what a task created now will run with), or null. */
  async runtimeVersions(runtime: SandboxRuntime): Promise<Record<string, string> | null> {
    const found = (await this.read()).find((status) => status.ready && status.runtimes[runtime]?.ready);
    return found?.runtimes[runtime]?.versions ?? null;
  }
}
