import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan, Not } from 'typeorm';
import { SubmissionEntity, SubmissionScores } from './entities/submission.entity';
import { SubmissionReport } from './submission-report';
import { ScoredEntry } from '../standings/ai-standings';
import { SubmissionStatus, SYSTEM_FAILURE } from './submission-status.enum';

/** Work done holding one team's quota lock on one task. */
export interface QuotaLock {
  manager: EntityManager;
  teamId: string;
  taskId: string;
}

@Injectable()
export class SubmissionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get submissions() {
    return this.dataSource.getRepository(SubmissionEntity);
  }

  /**
   * Serialises a team's uploads to one task (advisory lock), so quotas hold under concurrent uploads. It also holds the
   * task row (key share): an organiser's edit of how the task scores (row lock) waits for uploads in progress, or they for it.
   */
  withQuotaLock<T>(teamId: string, taskId: string, work: (lock: QuotaLock) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('submission-quota:' || $1 || ':' || $2, 0))`, [teamId, taskId]);
      await manager.query('SELECT 1 FROM ai_tasks WHERE id = $1 FOR KEY SHARE', [taskId]);
      return work({ manager, teamId, taskId });
    });
  }

  /** Submissions that count toward the limits: queued, running and scored (failed ones are refunded). */
  async countCounted({ manager, teamId, taskId }: QuotaLock, utcDay?: string): Promise<number> {
    return manager.count(SubmissionEntity, {
      where: { teamId, taskId, status: Not(SubmissionStatus.Failed), ...(utcDay ? { utcDay } : {}) },
    });
  }

  /** The team's submissions to this task still queued or running (a refunded failure has left the count). */
  countInFlight({ manager, teamId, taskId }: QuotaLock): Promise<number> {
    return manager.count(SubmissionEntity, { where: { teamId, taskId, status: In([SubmissionStatus.Queued, SubmissionStatus.Running]) } });
  }

  /** The team's submissions queued or running across the whole event: its place in the worker's round-robin. */
  countInFlightInEvent({ manager, teamId }: QuotaLock, eventId: string): Promise<number> {
    return manager.count(SubmissionEntity, { where: { teamId, eventId, status: In([SubmissionStatus.Queued, SubmissionStatus.Running]) } });
  }

  /** What a team has used of a task's quotas (counted as the upload's checks count it), in one read without the lock. */
  async usage(teamId: string, taskId: string, utcDay: string): Promise<{ today: number; total: number; inFlight: number }> {
    const [row]: Array<{ today: string; total: string; in_flight: string }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status <> 'failed' AND utc_day = $3) AS today,
              count(*) FILTER (WHERE status <> 'failed') AS total,
              count(*) FILTER (WHERE status IN ('queued', 'running')) AS in_flight
         FROM submissions WHERE team_id = $1 AND task_id = $2`,
      [teamId, taskId, utcDay],
    );
    return { today: Number(row.today), total: Number(row.total), inFlight: Number(row.in_flight) };
  }

  insert({ manager }: QuotaLock, row: Partial<SubmissionEntity>): Promise<SubmissionEntity> {
    return manager.save(manager.create(SubmissionEntity, row));
  }

  findById(id: string): Promise<SubmissionEntity | null> {
    return this.submissions.findOneBy({ id });
  }

  /** A submission with its team, for answers that name the team. */
  findWithTeam(id: string): Promise<SubmissionEntity | null> {
    return this.submissions.findOne({ where: { id }, relations: { team: true } });
  }

  /**
   * Puts a submission that failed for a system reason back in the queue, its outcome cleared; false when it is not
   * one (scored, queued, running, or failed for its content). One statement decides, so two clicks queue it once.
   */
  async requeueSystemFailure(id: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE submissions
          SET status = 'queued', failure_reason = NULL, report = '{"messages": []}', scored_at = NULL,
              public_score = NULL, private_score = NULL, scores = NULL
        WHERE id = $1 AND status = 'failed' AND failure_reason = $2`,
      [id, SYSTEM_FAILURE],
    );
    return affected > 0;
  }

  findForTeam(taskId: string, teamId: string | null, limit: number, offset: number): Promise<[SubmissionEntity[], number]> {
    return this.submissions.findAndCount({
      where: { taskId, ...(teamId ? { teamId } : {}) },
      relations: { team: true },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  /** Ids of submissions still queued or running that were stored before `before`, oldest first. */
  async findInFlightBefore(before: Date, limit: number, taskId?: string): Promise<string[]> {
    const rows = await this.submissions.find({
      select: { id: true },
      where: { status: In([SubmissionStatus.Queued, SubmissionStatus.Running]), createdAt: LessThan(before), ...(taskId ? { taskId } : {}) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  countFinal({ manager, teamId, taskId }: QuotaLock): Promise<number> {
    return manager.count(SubmissionEntity, { where: { teamId, taskId, selectedFinal: true } });
  }

  /**
   * Marks or unmarks a final while its task is open; false once it has closed. The close (the task's own end,
   * else the event's) is read and compared with the clock in the writing statement itself, so a request racing
   * the close (or waiting on the lock past it) cannot slip through. statement_timestamp(), not now(): now() is
   * the transaction's start, before the lock wait.
   */
  async setFinalWhileOpen({ manager }: QuotaLock, id: string, selected: boolean): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE submissions s SET selected_final = $2
         FROM ai_tasks t JOIN events e ON e.id = t.event_id
        WHERE s.id = $1 AND t.id = s.task_id AND statement_timestamp() < COALESCE(t.closes_at, e.ends_at)`,
      [id, selected],
    );
    return affected > 0;
  }

  /** Moves a queued (or a retried running) submission to running; null when it is already done. */
  async claim(id: string): Promise<SubmissionEntity | null> {
    const result = await this.submissions
      .createQueryBuilder()
      .update()
      .set({ status: SubmissionStatus.Running })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: [SubmissionStatus.Queued, SubmissionStatus.Running] })
      .execute();
    return (result.affected ?? 0) > 0 ? this.findById(id) : null;
  }

  /** Writes the outcome once: a submission that is already scored or failed stays as it is. */
  async finish(
    id: string,
    outcome: {
      status: SubmissionStatus.Scored | SubmissionStatus.Failed;
      publicScore?: number | null;
      privateScore?: number | null;
      scores?: SubmissionScores | null;
      failureReason?: string | null;
      report: SubmissionReport;
    },
  ): Promise<boolean> {
    const result = await this.submissions
      .createQueryBuilder()
      .update()
      .set({ ...outcome, scoredAt: () => 'now()' })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: [SubmissionStatus.Queued, SubmissionStatus.Running] })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Scored submissions of a task with their (not hidden) teams, for the boards; banned teams are marked. */
  async scoredWithTeams(taskId: string): Promise<Array<{ entry: ScoredEntry; team: { name: string; division: string | null; banned: boolean } }>> {
    const rows: Array<{
      id: string;
      team_id: string;
      public_score: number;
      private_score: number;
      selected_final: boolean;
      created_at: Date;
      scores: SubmissionScores | null;
      name: string;
      division: string | null;
      banned: boolean;
    }> = await this.dataSource.query(
      `SELECT s.id, s.team_id, s.public_score, s.private_score, s.selected_final, s.created_at, s.scores, t.name, t.division, t.banned
           FROM submissions s JOIN teams t ON t.id = s.team_id AND NOT t.hidden
          WHERE s.task_id = $1 AND s.status = 'scored'`,
      [taskId],
    );
    return rows.map((row) => ({
      entry: {
        id: row.id,
        teamId: row.team_id,
        publicScore: row.public_score,
        privateScore: row.private_score,
        selectedFinal: row.selected_final,
        createdAt: row.created_at,
        publicScores: row.scores?.public ?? null,
        privateScores: row.scores?.private ?? null,
      },
      team: { name: row.name, division: row.division, banned: row.banned },
    }));
  }
}
