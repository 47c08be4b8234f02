import { AppConfig } from '@arena/config';
import { jobIds, JobPayloads, QueueName, SubmissionChecksJob } from '@arena/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { SubmissionsRepository } from './submissions/submissions.repository';

// A submission younger than this may still be between its commit and its enqueue.
const GRACE_MS = 60_000;
const BATCH = 500;

/**
 * Queues again the check of a submission whose job is gone (an api that died between the commit and the enqueue,
 * a Redis that lost its data): otherwise it would stay queued and hold one of its team's two in-flight slots for
 * good. Adding is idempotent (the job id is the submission's), so every worker may sweep.
 */
@Injectable()
export class SubmissionQueueSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubmissionQueueSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly submissions: SubmissionsRepository,
    @InjectQueue(QueueName.SubmissionChecks) private readonly checks: Queue<JobPayloads[QueueName.SubmissionChecks][SubmissionChecksJob]>,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.SUBMISSION_SWEEP_SECONDS * 1000;
    if (everyMs === 0) return;
    this.timer = setInterval(() => void this.sweep().catch((error: Error) => this.logger.warn(`sweeping lost checks failed: ${error.message}`)), everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Re-queues the in-flight submissions stored before `before` (of one task when `taskId` is given) that have no job;
   * answers how many.
   */
  async sweep(before = new Date(Date.now() - GRACE_MS), taskId?: string): Promise<number> {
    let requeued = 0;
    for (const id of await this.submissions.findInFlightBefore(before, BATCH, taskId)) {
      if (await this.checks.getJob(jobIds.check(id))) continue;
      // Priority 1: a lost check is some team's oldest submission in flight.
      await this.checks.add(SubmissionChecksJob.Check, { submissionId: id }, { jobId: jobIds.check(id), priority: 1 });
      requeued += 1;
    }
    if (requeued > 0) this.logger.warn(`queued again ${requeued} submission check(s) whose job was lost`);
    return requeued;
  }
}
