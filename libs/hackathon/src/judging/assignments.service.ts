import { AuthContext } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { EventEntity } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { JudgingMode } from '../settings/judging-mode.enum';
import { HackathonSettingsEntity } from '../settings/entities/hackathon-settings.entity';
import { SettingsRepository } from '../settings/settings.repository';
import { AssignmentStatus } from './assignment-status.enum';
import { planAssignments } from './assignment-plan';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentDto, AssignResultDto, ReassignDto } from './dto/assignment.dto';
import { eligibility } from './eligibility';
import { EligibilityService } from './eligibility.service';
import { JudgeAssignmentEntity } from './entities/judge-assignment.entity';
import { RecusalsService } from './recusals.service';

const closed = () => new HackathonError(HackathonErrorCode.JudgingClosed, 'judging is closed');

/** Rubric judging: who judges which project, recusals and reassignments. */
@Injectable()
export class AssignmentsService {
  private readonly logger = new Logger(AssignmentsService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly assignments: AssignmentsRepository,
    private readonly facts: EligibilityService,
    private readonly settings: SettingsRepository,
    private readonly leaderboards: LeaderboardNotifier,
    private readonly recusals: RecusalsService,
  ) {}

  /** Plans every assignment afresh (a dry run only answers the plan); refused once a judge has scored (recusal and moves adjust after that). */
  async assign(auth: AuthContext, slug: string, judgesPerProject: number, dryRun = false): Promise<AssignResultDto> {
    const { event } = await this.access.organiserView(auth, slug);
    const result = await this.settings.withLock(event.id, 'write', async ({ manager, settings }) => {
      if (settings.mode !== JudgingMode.Rubric) throw new HackathonError(HackathonErrorCode.WrongJudgingMode, 'pairwise judging picks projects as it goes');
      if (settings.judgingClosed) throw closed();
      if (await this.settings.hasJudgingData(manager, event.id)) {
        throw new HackathonError(HackathonErrorCode.JudgingStarted, 'judges have already scored: recuse and reassign instead');
      }
      const facts = await this.facts.load(manager, event, settings);
      if (facts.judges.length < judgesPerProject) {
        throw new HackathonError(HackathonErrorCode.NotEnoughJudges, `judgesPerProject is ${judgesPerProject} but the event has ${facts.judges.length} judges`);
      }
      const plan = planAssignments({
        projects: facts.projects.map((project) => project.id),
        judges: facts.judges.map((judge) => judge.id),
        judgesPerProject,
        eligible: eligibility(facts),
      });
      if (!plan.ok) {
        const title = facts.projects.find((project) => project.id === plan.projectId)?.title;
        throw new HackathonError(HackathonErrorCode.NoEligibleJudge, `project ${title} (${plan.projectId}) has only ${plan.eligibleJudges} eligible judges`);
      }
      if (!dryRun) await this.assignments.replaceAll(manager, event.id, plan.assignments);
      const loads = facts.judges.map((judge) => ({
        judgeId: judge.id,
        displayName: judge.displayName,
        projects: plan.assignments.filter((row) => row.judgeId === judge.id).length,
      }));
      return { ...plan, loads };
    });
    if (!dryRun) this.logger.log(`event ${event.id}: ${result.assignments.length} assignments planned by user ${auth.userId} (connected ${result.connected})`);
    return { assignments: result.assignments, balanced: result.balanced, connected: result.connected, loads: result.loads, applied: !dryRun };
  }

  /** A judge gets their active assignments; an organiser (who is not a judge) every assignment. */
  async list(auth: AuthContext, slug: string): Promise<AssignmentDto[]> {
    const view = await this.access.view(auth, slug);
    if (view.judge) {
      const rows = await this.assignments.rows(view.event.id, { judgeId: auth.userId, activeOnly: true });
      return rows.map(({ id, projectId, judgeId, title, scored }) => ({ id, projectId, judgeId, title, scored }));
    }
    if (!view.organiser) throw new HackathonError(HackathonErrorCode.NotJudge, `only judges of ${slug} have assignments`);
    const rows = await this.assignments.rows(view.event.id);
    return rows.map(({ id, projectId, judgeId, title, scored, status, recusalReason, replacedById }) => ({
      id,
      projectId,
      judgeId,
      title,
      scored,
      status,
      recusalReason,
      replacedById,
    }));
  }

  async recuse(auth: AuthContext, slug: string, id: string, reason: string): Promise<AssignmentDto> {
    const view = await this.access.view(auth, slug);
    const assignment = await this.assignments.findInEvent(view.event.id, id);
    if (!assignment || (assignment.judgeId !== auth.userId && !view.organiser)) {
      throw new HackathonError(HackathonErrorCode.AssignmentNotFound, `assignment ${id} not found`);
    }
    if (assignment.judgeId !== auth.userId) throw new HackathonError(HackathonErrorCode.NotAssigned, 'only the assigned judge may recuse');
    // The write lock queues concurrent recusals, so each replacement sees the loads the previous one left.
    const done = await this.settings.withLock(view.event.id, 'write', async ({ manager, settings }) => {
      if (settings.judgingClosed) throw closed();
      return this.recusals.recuseAndReplace(manager, view.event, settings, id, reason);
    });
    if (!done.recused) throw new HackathonError(HackathonErrorCode.AlreadyRecused, `assignment ${id} is already recused`);
    this.logger.log(`judge ${auth.userId} recused from project ${assignment.projectId}`);
    await this.leaderboards.changed(view.event.id);
    return this.one(view.event.id, id);
  }

  /** Gives a recused assignment's project to another eligible judge when its recusal found none (the one named, or the least busy). */
  async reassign(auth: AuthContext, slug: string, id: string, dto: ReassignDto): Promise<AssignmentDto> {
    const { event } = await this.access.organiserView(auth, slug);
    const old = await this.assignments.findInEvent(event.id, id);
    if (!old) throw new HackathonError(HackathonErrorCode.AssignmentNotFound, `assignment ${id} not found`);
    if (old.status !== AssignmentStatus.Recused) throw new HackathonError(HackathonErrorCode.NotRecused, 'only a recused assignment can be reassigned');
    const saved = await this.settings.withLock(event.id, 'write', async ({ manager, settings }) => {
      if (settings.judgingClosed) throw closed();
      if ((await this.assignments.lock(manager, id))?.replacedById) {
        throw new HackathonError(HackathonErrorCode.AlreadyAssigned, `assignment ${id} was already reassigned`);
      }
      const judgeId = await this.pickJudge(manager, event, settings, old, dto.judgeId);
      const row = await this.assignments.insert(manager, { eventId: event.id, projectId: old.projectId, judgeId });
      if (!row) throw new HackathonError(HackathonErrorCode.AlreadyAssigned, `judge ${judgeId} is or was assigned to this project`);
      await this.assignments.markReplaced(manager, id, row.id);
      return row;
    });
    this.logger.log(`project ${old.projectId} reassigned to judge ${saved.judgeId} by user ${auth.userId}`);
    return this.one(event.id, saved.id);
  }

  private async one(eventId: string, id: string): Promise<AssignmentDto> {
    const [{ projectId, judgeId, title, scored, status, recusalReason, replacedById }] = await this.assignments.rows(eventId, { id });
    return { id, projectId, judgeId, title, scored, status, recusalReason, replacedById };
  }

  /** Moves an active, unscored assignment to another eligible judge (the one named, or the least busy). */
  async move(auth: AuthContext, slug: string, id: string, dto: ReassignDto): Promise<AssignmentDto> {
    const { event } = await this.access.organiserView(auth, slug);
    const moved = await this.settings.withLock(event.id, 'write', async ({ manager, settings }) => {
      if (settings.judgingClosed) throw closed();
      const row = await this.assignments.lock(manager, id);
      if (!row || row.eventId !== event.id) throw new HackathonError(HackathonErrorCode.AssignmentNotFound, `assignment ${id} not found`);
      if (row.status !== AssignmentStatus.Active) throw new HackathonError(HackathonErrorCode.NotActive, 'only an active assignment can be moved (reassign a recused one)');
      if (await this.assignments.hasScored(manager, row.projectId, row.judgeId)) {
        throw new HackathonError(HackathonErrorCode.AlreadyScored, 'its judge has scored this project: moving it would drop the score');
      }
      const judgeId = await this.pickJudge(manager, event, settings, row, dto.judgeId);
      if (!(await this.assignments.moveTo(manager, id, judgeId)))
        throw new HackathonError(HackathonErrorCode.AlreadyAssigned, `judge ${judgeId} is or was assigned to this project`);
      return { from: row.judgeId, to: judgeId, projectId: row.projectId };
    });
    this.logger.log(`project ${moved.projectId} moved from judge ${moved.from} to judge ${moved.to} by user ${auth.userId}`);
    return this.one(event.id, id);
  }

  private async pickJudge(manager: EntityManager, event: EventEntity, settings: HackathonSettingsEntity, old: JudgeAssignmentEntity, wanted: string | undefined): Promise<string> {
    if (!wanted) {
      const judgeId = await this.recusals.leastLoaded(manager, event, settings, old);
      if (!judgeId) throw new HackathonError(HackathonErrorCode.NoEligibleJudge, 'judgeId: no other eligible judge is left for this project');
      return judgeId;
    }
    const facts = await this.facts.load(manager, event, settings);
    const taken = await this.assignments.judgesOf(manager, old.projectId);
    if (!facts.judges.some((judge) => judge.id === wanted)) throw new HackathonError(HackathonErrorCode.JudgeNotFound, `judgeId: user ${wanted} is not a judge`);
    if (taken.has(wanted)) throw new HackathonError(HackathonErrorCode.AlreadyAssigned, `judgeId: judge ${wanted} is or was assigned to this project`);
    if (!eligibility(facts)(wanted, old.projectId)) throw new HackathonError(HackathonErrorCode.NoEligibleJudge, `judgeId: judge ${wanted} may not judge this project`);
    return wanted;
  }
}
