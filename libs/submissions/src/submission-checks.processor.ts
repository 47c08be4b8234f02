import { AppConfig } from '@arena/config';
import { JobPayloads, QueueName, SubmissionChecksJob } from '@arena/jobs';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { SubmissionCheckService } from './checks/submission-check.service';

type CheckJob = Job<JobPayloads[QueueName.SubmissionChecks][SubmissionChecksJob], void, SubmissionChecksJob>;

/** Consumes `submission-checks`; the work is SubmissionCheckService's. */
// autorun off: the worker starts once its options from config are set.
@Processor(QueueName.SubmissionChecks, { autorun: false })
export class SubmissionChecksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubmissionChecksProcessor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly checks: SubmissionCheckService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    const lockMs = this.config.WORKER_LOCK_SECONDS * 1000;
    // A worker that dies mid-job loses its lock; another picks the job up within about two lock periods.
    Object.assign(this.worker.opts, { lockDuration: lockMs, lockRenewTime: lockMs / 2, stalledInterval: lockMs });
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
    this.worker.run().catch((error: Error) => this.logger.error(`submission-checks worker stopped: ${error.message}`));
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

  // Without a listener an 'error' event (e.g. Redis closing at shutdown) would crash the process.
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`submission-checks worker: ${error.message}`);
  }

  /** After the last retry, or when a stalled job is given up, the submission ends failed (system-error). */
  @OnWorkerEvent('failed')
  async onFailed(job: CheckJob | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(error.message);
    this.logger.error(`job ${job.id} failed (attempt ${job.attemptsMade}${final ? ', final' : ''}): ${error.message}`);
    if (final) await this.checks.giveUp(job.data.submissionId, error.message);
  }
}
