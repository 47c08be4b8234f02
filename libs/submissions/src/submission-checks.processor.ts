import { AppConfig } from '@arena/config';
import { JobPayloads, QueueName, redisOptions, SubmissionChecksJob } from '@arena/jobs';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { SubmissionCheckService } from './checks/submission-check.service';

type CheckJob = Job<JobPayloads[QueueName.SubmissionChecks][SubmissionChecksJob], void, SubmissionChecksJob>;

/**
 * Consumes `submission-checks`; the work is SubmissionCheckService's. The BullMQ worker is built here rather
 * than by @Processor because its lock period comes from config, and BullMQ fixes it when the worker is made.
 */
@Injectable()
export class SubmissionChecksProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubmissionChecksProcessor.name);
  private worker: Worker<CheckJob['data'], void, SubmissionChecksJob> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly checks: SubmissionCheckService,
  ) {}

  onApplicationBootstrap(): void {
    const lockMs = this.config.WORKER_LOCK_SECONDS * 1000;
    const worker = new Worker<CheckJob['data'], void, SubmissionChecksJob>(QueueName.SubmissionChecks, (job) => this.process(job), {
      connection: redisOptions(this.config.REDIS_URL),
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: this.config.WORKER_CONCURRENCY,
      // A worker that dies mid-job loses its lock; another picks the job up within about two lock periods.
      lockDuration: lockMs,
      stalledInterval: lockMs,
    });
    // Without a listener an 'error' event (e.g. Redis closing at shutdown) would crash the process.
    worker.on('error', (error) => this.logger.warn(`submission-checks worker: ${error.message}`));
    worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: CheckJob): Promise<void> {
    switch (job.name) {
      case SubmissionChecksJob.Check:
        return this.checks.check(job.data.submissionId);
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }

  /** After the last retry, or when a stalled job is given up, the submission ends failed (system-error). */
  private async onFailed(job: CheckJob | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(error.message);
    this.logger.error(`job ${job.id} failed (attempt ${job.attemptsMade}${final ? ', final' : ''}): ${error.message}`);
    if (final) await this.checks.giveUp(job.data.submissionId, error.message).catch((cause: Error) => this.logger.error(`giving up on job ${job.id} failed: ${cause.message}`));
  }
}
