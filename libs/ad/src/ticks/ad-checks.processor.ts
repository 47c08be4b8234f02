import { AppConfig } from '@arena/config';
import { AdChecksJob, JobPayloads, QueueName, redisOptions } from '@arena/jobs';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { TickRunner } from './tick-runner.service';

type RunJob = Job<JobPayloads[QueueName.AdChecks][AdChecksJob], void, AdChecksJob>;

/**
 * Consumes `ad-checks`: one tick of one team's service per job. The BullMQ worker is built here rather than by
 * @Processor because its lock period comes from config (WORKER_LOCK_SECONDS), fixed when the worker is made: with
 * BullMQ's default of 30 s, the jobs of a killed worker would wait up to a minute, twenty 3-second ticks, to run again.
 */
@Injectable()
export class AdChecksProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AdChecksProcessor.name);
  private worker: Worker<RunJob['data'], void, AdChecksJob> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly ticks: TickRunner,
  ) {}

  onApplicationBootstrap(): void {
    const lockMs = this.config.WORKER_LOCK_SECONDS * 1000;
    const worker = new Worker<RunJob['data'], void, AdChecksJob>(QueueName.AdChecks, (job) => this.process(job), {
      connection: redisOptions(this.config.REDIS_URL),
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: this.config.AD_CHECKER_CONCURRENCY,
      // A worker that dies mid-job loses its lock; another takes the job again within about two lock periods (its
      // tick is then checked late, once: the tick's state row is unique).
      lockDuration: lockMs,
      stalledInterval: lockMs,
    });
    // Without a listener an 'error' event (e.g. Redis closing at shutdown) would crash the process.
    worker.on('error', (error) => this.logger.warn(`ad-checks worker: ${error.message}`));
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: RunJob): Promise<void> {
    switch (job.name) {
      case AdChecksJob.Run:
        return this.ticks.run(job.data.eventId, job.data.tick, job.data.teamId, job.data.serviceId);
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }
}
