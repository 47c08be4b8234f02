import { AuthContext, Page } from '@arena/common';
import { AppConfig } from '@arena/config';
import { jobIds, JobPayloads, LeaderboardNotifier, QueueName, SubmissionChecksJob } from '@arena/jobs';
import { EventsService } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FastifyRequest } from 'fastify';
import { BlobStore } from '../blobs/blob-store';
import { readMultipart } from '../blobs/multipart';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { TaskEntity } from '../tasks/entities/task.entity';
import { SubmissionType, TaskMetric } from '../tasks/task.enums';
import { taskEnd } from '../tasks/task-rules';
import { TasksService } from '../tasks/tasks.service';
import { QuotaDto } from './dto/quota.dto';
import { AcceptedSubmissionDto, ListSubmissionsDto, SubmissionDto } from './dto/submission.dto';
import { SubmissionEntity } from './entities/submission.entity';
import { participantReport } from './submission-report';
import { SubmissionStatus } from './submission-status.enum';
import { QuotaLock, SubmissionsRepository } from './submissions.repository';

const MAX_FINAL = 2;
// Per team and task (scoring.md): refunded failures cannot fill the queue before a deadline.
const MAX_IN_FLIGHT = 2;
// A sandboxed run's default wall limit (DEFAULT_LIMITS in @arena/sandbox, which the api does not load).
const DEFAULT_WALL_SECONDS = 60;

/** Seconds a team over the in-flight cap should wait: about one check (a sandboxed run's wall limit). */
function inFlightRetryAfter(task: TaskEntity): number {
  const sandboxed = task.submissionType === SubmissionType.Code || task.metric === TaskMetric.Custom;
  return sandboxed ? (task.limits?.wallSeconds ?? DEFAULT_WALL_SECONDS) : 5;
}

const notFound = (id: string) => new SubmissionsError(SubmissionsErrorCode.SubmissionNotFound, `submission ${id} not found`);

/** Seconds until the next 00:00 UTC, when daily limits reset. */
export function secondsToUtcMidnight(now = new Date()): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}

@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly tasks: TasksService,
    private readonly events: EventsService,
    private readonly teams: TeamsService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    private readonly leaderboards: LeaderboardNotifier,
    @InjectQueue(QueueName.SubmissionChecks) private readonly checks: Queue<JobPayloads[QueueName.SubmissionChecks][SubmissionChecksJob]>,
  ) {}

  /** Stores the upload, counts it against the quotas (under a lock), then queues the check after the commit. */
  async submit(auth: AuthContext, slug: string, taskId: string, request: FastifyRequest): Promise<AcceptedSubmissionDto> {
    const event = await this.tasks.aiEvent(slug);
    const task = await this.tasks.getInEvent(event, taskId);
    const team = await this.teams.playingTeamOf(event.id, auth.userId);
    if (!team) throw new SubmissionsError(SubmissionsErrorCode.NotInTeam, 'join a team of this event first');
    const now = new Date();
    if (now < (task.opensAt ?? event.startsAt) || now > taskEnd(task, event)) {
      throw new SubmissionsError(SubmissionsErrorCode.OutsideWindow, 'submissions are open only while the task runs');
    }
    const body = await readMultipart(request, this.blobs, { fileFields: ['file'], maxFileBytes: this.config.MAX_SUBMISSION_BYTES });
    const file = body.files.find((upload) => upload.field === 'file');
    // Only the first file is the submission: blobs of any further parts are not kept.
    await Promise.all(body.files.filter((upload) => upload !== file).map((upload) => this.blobs.remove(upload.key)));
    let committed = false;
    try {
      if (!file) throw new SubmissionsError(SubmissionsErrorCode.MissingFile, 'file: a file is required');
      const runCommand = task.submissionType === SubmissionType.Code ? body.fields.runCommand?.trim() || null : null;
      const utcDay = now.toISOString().slice(0, 10);
      const { saved, priority } = await this.submissions.withQuotaLock(team.id, task.id, async (lock) => {
        await this.assertQuota(task, lock, utcDay);
        const row = await this.submissions.insert(lock, {
          eventId: event.id,
          taskId: task.id,
          teamId: team.id,
          userId: auth.userId,
          blobKey: file.key,
          sha256: file.sha256,
          size: file.size,
          filename: file.filename,
          runCommand,
          status: SubmissionStatus.Queued,
          utcDay,
        });
        // Fair service across teams: the job's BullMQ priority is the team's count of submissions in flight in
        // the event, this one included. BullMQ serves lower priorities first (FIFO within one), so a team's
        // first waits only behind other firsts, its second behind firsts and seconds: round-robin, not first
        // come first served. Chosen over the worker claiming from the database, which would rebuild the queue,
        // retries and stalled-job recovery. The position is fixed at upload: it does not rise as older ones end.
        return { saved: row, priority: await this.submissions.countInFlightInEvent(lock, event.id) };
      });
      committed = true;
      await this.checks.add(SubmissionChecksJob.Check, { submissionId: saved.id }, { jobId: jobIds.check(saved.id), priority });
      this.logger.log(`submission ${saved.id} queued for task ${task.id} by team ${team.id}`);
      return { id: saved.id, status: saved.status };
    } catch (error) {
      // Once the row is committed its blob is the submission's: never removed under it.
      if (file && !committed) await this.blobs.remove(file.key);
      throw error;
    }
  }

  async get(auth: AuthContext, id: string): Promise<SubmissionDto> {
    const submission = await this.submissions.findWithTeam(id);
    if (!submission) throw notFound(id);
    const event = await this.events.getById(submission.eventId);
    const organiser = await this.events.isOrganiser(auth, event);
    if (!organiser && (await this.teams.teamOf(event.id, auth.userId))?.id !== submission.teamId) throw notFound(id);
    return this.toDto(submission, taskEnd(await this.tasks.getInEvent(event, submission.taskId), event), organiser);
  }

  async list(auth: AuthContext, slug: string, taskId: string, query: ListSubmissionsDto): Promise<Page<SubmissionDto>> {
    const event = await this.tasks.aiEvent(slug);
    const task = await this.tasks.getInEvent(event, taskId);
    const organiser = await this.events.isOrganiser(auth, event);
    const teamId = organiser ? (query.teamId ?? null) : (await this.teams.teamOf(event.id, auth.userId))?.id;
    if (teamId === undefined) throw new SubmissionsError(SubmissionsErrorCode.NotInTeam, 'join a team of this event first');
    const [items, total] = await this.submissions.findForTeam(task.id, teamId, query.limit, query.offset);
    return { items: items.map((item) => this.toDto(item, taskEnd(task, event), organiser)), total };
  }

  /** The caller's team's usage of a task's quotas, so the page can say how many uploads are left today. */
  async quota(auth: AuthContext, slug: string, taskId: string): Promise<QuotaDto> {
    const event = await this.tasks.aiEvent(slug);
    const task = await this.tasks.getInEvent(event, taskId);
    const team = await this.teams.teamOf(event.id, auth.userId);
    if (!team) throw new SubmissionsError(SubmissionsErrorCode.NotInTeam, 'join a team of this event first');
    const now = new Date();
    const usage = await this.submissions.usage(team.id, task.id, now.toISOString().slice(0, 10));
    const limits = [
      task.maxDailySubmissions === null ? null : task.maxDailySubmissions - usage.today,
      task.maxSubmissions === null ? null : task.maxSubmissions - usage.total,
    ].filter((left): left is number => left !== null);
    const end = taskEnd(task, event);
    return {
      taskId: task.id,
      teamId: team.id,
      maxDailySubmissions: task.maxDailySubmissions,
      usedToday: usage.today,
      maxSubmissions: task.maxSubmissions,
      used: usage.total,
      leftToday: limits.length ? Math.max(0, Math.min(...limits)) : null,
      inFlight: usage.inFlight,
      maxInFlight: MAX_IN_FLIGHT,
      resetsAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString(),
      open: now >= (task.opensAt ?? event.startsAt) && now <= end,
      finalsOpen: now < end,
      maxFinal: MAX_FINAL,
      maxFileBytes: this.config.MAX_SUBMISSION_BYTES,
    };
  }

  /** A team marks at most 2 scored submissions per task as final (they decide the private board). */
  async selectFinal(auth: AuthContext, id: string, final: boolean): Promise<SubmissionDto> {
    const submission = await this.submissions.findWithTeam(id);
    if (!submission) throw notFound(id);
    const event = await this.events.getById(submission.eventId);
    if ((await this.teams.playingTeamOf(event.id, auth.userId))?.id !== submission.teamId) throw notFound(id);
    if (final && submission.status !== SubmissionStatus.Scored) throw new SubmissionsError(SubmissionsErrorCode.NotScored, 'only a scored submission can be final');
    await this.submissions.withQuotaLock(submission.teamId, submission.taskId, async (lock) => {
      if (final && !submission.selectedFinal && (await this.submissions.countFinal(lock)) >= MAX_FINAL) {
        throw new SubmissionsError(SubmissionsErrorCode.TooManyFinal, `at most ${MAX_FINAL} submissions can be final; unmark one first`);
      }
      if (!(await this.submissions.setFinalWhileOpen(lock, id, final))) {
        throw new SubmissionsError(SubmissionsErrorCode.FinalsClosed, 'the task has closed: finals are fixed');
      }
    });
    // The private board depends on the finals: the organisers' view must not go stale.
    await this.leaderboards.changed(event.id);
    return this.toDto({ ...submission, selectedFinal: final }, taskEnd(await this.tasks.getInEvent(event, submission.taskId), event), false);
  }

  private async assertQuota(task: TaskEntity, lock: QuotaLock, utcDay: string): Promise<void> {
    if (task.maxDailySubmissions !== null && (await this.submissions.countCounted(lock, utcDay)) >= task.maxDailySubmissions) {
      throw new SubmissionsError(SubmissionsErrorCode.DailyLimit, `daily limit of ${task.maxDailySubmissions} submissions reached; it resets at 00:00 UTC`, secondsToUtcMidnight());
    }
    if (task.maxSubmissions !== null && (await this.submissions.countCounted(lock)) >= task.maxSubmissions) {
      throw new SubmissionsError(SubmissionsErrorCode.TotalLimit, `limit of ${task.maxSubmissions} submissions reached`, secondsToUtcMidnight());
    }
    // Counted under the team/task lock, so 20 concurrent uploads still leave exactly MAX_IN_FLIGHT queued.
    if ((await this.submissions.countInFlight(lock)) >= MAX_IN_FLIGHT) {
      throw new SubmissionsError(
        SubmissionsErrorCode.InFlightLimit,
        `at most ${MAX_IN_FLIGHT} submissions per task can be queued or running; wait for one to finish`,
        inFlightRetryAfter(task),
      );
    }
  }

  toDto(submission: SubmissionEntity, closesAt: Date, organiser: boolean): SubmissionDto {
    const revealPrivate = organiser || new Date() > closesAt;
    return {
      id: submission.id,
      taskId: submission.taskId,
      teamId: submission.teamId,
      teamName: submission.team?.name ?? '',
      status: submission.status,
      publicScore: submission.publicScore,
      privateScore: revealPrivate ? submission.privateScore : null,
      publicScores: submission.scores?.public ?? null,
      privateScores: revealPrivate ? (submission.scores?.private ?? null) : null,
      failureReason: submission.failureReason,
      report: organiser ? submission.report : participantReport(submission.report),
      selectedFinal: submission.selectedFinal,
      createdAt: submission.createdAt.toISOString(),
      scoredAt: submission.scoredAt ? submission.scoredAt.toISOString() : null,
    };
  }
}
