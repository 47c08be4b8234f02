import { AppConfig } from '@arena/config';
import { JobPayloads, QueueName, SubmissionChecksJob } from '@arena/jobs';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';

type CheckJob = Job<JobPayloads[QueueName.SubmissionChecks][SubmissionChecksJob], void, SubmissionChecksJob>;

/** Consumes `submission-checks`: runs sandboxed checks (the AI and hackathon issues fill the pipeline). */
@Processor(QueueName.SubmissionChecks)
export class SubmissionChecksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubmissionChecksProcessor.name);

  constructor(private readonly config: AppConfig) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: CheckJob): Promise<void> {
    switch (job.name) {
      case SubmissionChecksJob.Check:
        // No check pipeline exists yet: the job is acknowledged so the queue stays drained.
        this.logger.log(`submission ${job.data.submissionId}: no check pipeline configured yet`);
        return;
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: CheckJob, error: Error): void {
    this.logger.error(`job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
  }
}
