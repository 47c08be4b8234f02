import { AuthContext } from '@arena/common';
import { jobIds, JobPayloads, QueueName, SubmissionChecksJob } from '@arena/jobs';
import { EventsService } from '@arena/registration';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { AcceptedSubmissionDto } from './dto/submission.dto';
import { SubmissionEntity } from './entities/submission.entity';
import { SubmissionStatus, SYSTEM_FAILURE } from './submission-status.enum';
import { SubmissionsRepository } from './submissions.repository';

/** Why a submission cannot be queued again, as the organiser reads it. */
function refusal(submission: SubmissionEntity): string {
  if (submission.status === SubmissionStatus.Scored) return `submission ${submission.id} is scored already`;
  if (submission.status !== SubmissionStatus.Failed) return `submission ${submission.id} is ${submission.status} already`;
  return `submission ${submission.id} failed for its content (${submission.failureReason ?? 'unknown'}), not a system error: the team can submit again`;
}

/** An organiser queues again the check of a submission that failed for a system reason (no sandbox, retries spent). */
@Injectable()
export class SubmissionRescoreService {
  private readonly logger = new Logger(SubmissionRescoreService.name);

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly events: EventsService,
    @InjectQueue(QueueName.SubmissionChecks) private readonly checks: Queue<JobPayloads[QueueName.SubmissionChecks][SubmissionChecksJob]>,
  ) {}

  async rescore(auth: AuthContext, id: string): Promise<AcceptedSubmissionDto> {
    const submission = await this.submissions.findById(id);
    if (!submission) throw new SubmissionsError(SubmissionsErrorCode.SubmissionNotFound, `submission ${id} not found`);
    const event = await this.events.getById(submission.eventId);
    // 403 for anyone but the event's organisers, its team included.
    await this.events.getForOrganiser(auth, event.slug);
    // The previous check's job may still run after writing the failure (its last attempt ending, or a worker that hung
    // past the sweep): it is locked, cannot be removed, and an add under its id would queue nothing. A waiting one
    // goes (its run would find the submission settled and stop).
    if ((await this.checks.getJobState(jobIds.check(id))) === 'active') {
      throw new SubmissionsError(SubmissionsErrorCode.NotRescorable, `submission ${id}: its previous check is still active; try again once it has finished`);
    }
    if (!(await this.submissions.requeueSystemFailure(id))) {
      const now = await this.submissions.findById(id);
      throw new SubmissionsError(SubmissionsErrorCode.NotRescorable, refusal(now ?? submission));
    }
    // The finished check's job keeps its id for a while (completed or failed): it goes, or the add would be a no-op.
    if ((await this.checks.remove(jobIds.check(id))) === 0) {
      // Taken by a worker since the state was read: that run finds the submission queued and checks it.
      this.logger.warn(`submission ${id}: its check job was taken by a worker meanwhile; that run checks it`);
    }
    // Priority 1: the team has waited for this one already.
    await this.checks.add(SubmissionChecksJob.Check, { submissionId: id }, { jobId: jobIds.check(id), priority: 1 });
    this.logger.log(`submission ${id} queued again by ${auth.userId} after a ${SYSTEM_FAILURE}`);
    return { id, status: SubmissionStatus.Queued };
  }
}
