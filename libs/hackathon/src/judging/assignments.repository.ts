import { isUniqueViolation } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScoreSetEntity } from '../scores/entities/score-set.entity';
import { AssignmentStatus } from './assignment-status.enum';
import { PlannedAssignment } from './assignment-plan';
import { JudgeAssignmentEntity } from './entities/judge-assignment.entity';

/** An assignment as lists show it: with the project title and whether the judge has scored it. */
export interface AssignmentRow {
  id: string;
  projectId: string;
  judgeId: string;
  judgeName: string;
  title: string;
  status: AssignmentStatus;
  recusalReason: string | null;
  replacedById: string | null;
  scored: boolean;
}

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Replaces every assignment of the event (called holding the settings lock, before any score exists). */
  async replaceAll(manager: EntityManager, eventId: string, planned: PlannedAssignment[]): Promise<void> {
    await manager.delete(JudgeAssignmentEntity, { eventId });
    for (let start = 0; start < planned.length; start += 500) {
      const chunk = planned.slice(start, start + 500).map((row) => ({ ...row, eventId, status: AssignmentStatus.Active }));
      await manager.insert(JudgeAssignmentEntity, chunk);
    }
  }

  /** Rows for lists; `judgeId` narrows to one judge, `id` to one assignment, `activeOnly` drops recused rows. */
  async rows(eventId: string, options: { judgeId?: string; id?: string; activeOnly?: boolean } = {}): Promise<AssignmentRow[]> {
    const rows: Array<{
      id: string;
      project_id: string;
      judge_id: string;
      judge_name: string;
      title: string;
      status: AssignmentStatus;
      recusal_reason: string | null;
      replaced_by_id: string | null;
      scored: boolean;
    }> = await this.dataSource.query(
      `SELECT a.id, a.project_id, a.judge_id, u.display_name AS judge_name, p.title, a.status, a.recusal_reason, a.replaced_by_id,
              EXISTS (SELECT 1 FROM rubric_scores s WHERE s.project_id = a.project_id AND s.judge_id = a.judge_id) AS scored
         FROM judge_assignments a
         JOIN projects p ON p.id = a.project_id
         JOIN users u ON u.id = a.judge_id
        WHERE a.event_id = $1 AND ($2::uuid IS NULL OR a.judge_id = $2) AND ($3::uuid IS NULL OR a.id = $3) AND (NOT $4 OR a.status = 'active')
        ORDER BY p.created_at, p.id, a.created_at, a.judge_id`,
      [eventId, options.judgeId ?? null, options.id ?? null, options.activeOnly ?? false],
    );
    return rows.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      judgeId: row.judge_id,
      judgeName: row.judge_name,
      title: row.title,
      status: row.status,
      recusalReason: row.recusal_reason,
      replacedById: row.replaced_by_id,
      scored: row.scored,
    }));
  }

  findInEvent(eventId: string, id: string): Promise<JudgeAssignmentEntity | null> {
    return this.dataSource.getRepository(JudgeAssignmentEntity).findOneBy({ eventId, id });
  }

  /** The judge's active assignment to the project, share-locked so a recusal cannot interleave with a score. */
  activeForScoring(manager: EntityManager, projectId: string, judgeId: string): Promise<JudgeAssignmentEntity | null> {
    return manager.findOne(JudgeAssignmentEntity, {
      where: { projectId, judgeId, status: AssignmentStatus.Active },
      lock: { mode: 'pessimistic_read' },
    });
  }

  /** Marks an active assignment recused and drops the judge's scores of it; null when it is not active (any more). */
  async recuse(manager: EntityManager, id: string, reason: string): Promise<JudgeAssignmentEntity | null> {
    const assignment = await manager.findOne(JudgeAssignmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!assignment || assignment.status !== AssignmentStatus.Active) return null;
    await manager.update(JudgeAssignmentEntity, { id }, { status: AssignmentStatus.Recused, recusalReason: reason, recusedAt: new Date() });
    await manager.delete(ScoreSetEntity, { projectId: assignment.projectId, judgeId: assignment.judgeId });
    return assignment;
  }

  /** The judge's active assignments in the event (for a judge's removal). */
  activeOfJudge(manager: EntityManager, eventId: string, judgeId: string): Promise<JudgeAssignmentEntity[]> {
    return manager.find(JudgeAssignmentEntity, { where: { eventId, judgeId, status: AssignmentStatus.Active }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Drops every score set the judge left in the event; the number dropped. */
  async dropScoresOf(manager: EntityManager, eventId: string, judgeId: string): Promise<number> {
    const result = await manager.delete(ScoreSetEntity, { eventId, judgeId });
    return result.affected ?? 0;
  }

  /** The judge's active assignments to the team's project (for a newly declared conflict). */
  activeForTeam(eventId: string, judgeId: string, teamId: string): Promise<JudgeAssignmentEntity[]> {
    return this.dataSource.getRepository(JudgeAssignmentEntity).find({
      where: { eventId, judgeId, status: AssignmentStatus.Active, project: { teamId } },
    });
  }

  /** The assignment, row-locked, for a reassignment. */
  lock(manager: EntityManager, id: string): Promise<JudgeAssignmentEntity | null> {
    return manager.findOne(JudgeAssignmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Gives the assignment to another judge (same row, so replacement links stay); false when that judge is or was on the project. */
  async moveTo(manager: EntityManager, id: string, judgeId: string): Promise<boolean> {
    try {
      await manager.transaction((inner) => inner.update(JudgeAssignmentEntity, { id }, { judgeId }));
      return true;
    } catch (error) {
      if (isUniqueViolation(error, 'judge_assignments_project_judge_key')) return false;
      throw error;
    }
  }

  async hasScored(manager: EntityManager, projectId: string, judgeId: string): Promise<boolean> {
    return manager.exists(ScoreSetEntity, { where: { projectId, judgeId } });
  }

  async markReplaced(manager: EntityManager, id: string, replacedById: string): Promise<void> {
    await manager.update(JudgeAssignmentEntity, { id }, { replacedById });
  }

  /** Null when the judge already has (or had) an assignment to the project. */
  async insert(manager: EntityManager, row: PlannedAssignment & { eventId: string }): Promise<JudgeAssignmentEntity | null> {
    try {
      return await manager.transaction((inner) => inner.save(inner.create(JudgeAssignmentEntity, { ...row, status: AssignmentStatus.Active })));
    } catch (error) {
      if (isUniqueViolation(error, 'judge_assignments_project_judge_key')) return null;
      throw error;
    }
  }

  /** Active assignments per judge. */
  async loads(manager: EntityManager, eventId: string): Promise<Map<string, number>> {
    const rows: Array<{ judge_id: string; load: string }> = await manager.query(
      `SELECT judge_id, count(*) AS load FROM judge_assignments WHERE event_id = $1 AND status = 'active' GROUP BY judge_id`,
      [eventId],
    );
    return new Map(rows.map((row) => [row.judge_id, Number(row.load)]));
  }

  /** Every judge ever assigned to the project (recused ones included). */
  async judgesOf(manager: EntityManager, projectId: string): Promise<Set<string>> {
    const rows = await manager.find(JudgeAssignmentEntity, { where: { projectId }, select: { judgeId: true } });
    return new Set(rows.map((row) => row.judgeId));
  }
}
