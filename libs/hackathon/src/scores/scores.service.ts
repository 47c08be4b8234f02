import { AuthContext } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { weightedTotal } from '@arena/scoring';
import { Injectable, Logger } from '@nestjs/common';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { CriterionEntity } from '../criteria/entities/criterion.entity';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { AssignmentsRepository } from '../judging/assignments.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { JudgingMode } from '../settings/judging-mode.enum';
import { SettingsRepository } from '../settings/settings.repository';
import { PutScoresDto, ScoreSetDto } from './dto/score-set.dto';
import { ScoreSetEntity } from './entities/score-set.entity';
import { validScores } from './score-rules';
import { ScoresRepository } from './scores.repository';

function toDto(set: ScoreSetEntity, criteria: CriterionEntity[], judgeName?: string): ScoreSetDto {
  return {
    projectId: set.projectId,
    judgeId: set.judgeId,
    ...(judgeName !== undefined ? { judgeName } : {}),
    scores: set.scores,
    comment: set.comment,
    total: weightedTotal(criteria, set.scores),
    updatedAt: set.updatedAt.toISOString(),
  };
}

/** Rubric marks: only assigned judges write them, until judging closes; judges read only their own. */
@Injectable()
export class ScoresService {
  private readonly logger = new Logger(ScoresService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly scores: ScoresRepository,
    private readonly criteria: CriteriaRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly projects: ProjectsRepository,
    private readonly settings: SettingsRepository,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  async put(auth: AuthContext, slug: string, projectId: string, dto: PutScoresDto): Promise<ScoreSetDto> {
    const view = await this.access.view(auth, slug);
    const project = await this.projects.findInEvent(view.event.id, projectId);
    if (!project) throw new HackathonError(HackathonErrorCode.ProjectNotFound, `project ${projectId} not found`);
    const { set, criteria } = await this.settings.withLock(view.event.id, 'read', async ({ manager, settings }) => {
      if (settings.mode !== JudgingMode.Rubric) throw new HackathonError(HackathonErrorCode.WrongJudgingMode, 'this event judges pairwise');
      if (settings.judgingClosed) throw new HackathonError(HackathonErrorCode.JudgingClosed, 'judging is closed');
      if (!(await this.assignments.activeForScoring(manager, projectId, auth.userId))) {
        throw new HackathonError(HackathonErrorCode.NotAssigned, 'you are not assigned to this project');
      }
      const criteria = await this.criteria.forEvent(view.event.id, manager);
      const marks = validScores(criteria, dto.scores);
      const saved = await this.scores.upsert(manager, { eventId: view.event.id, projectId, judgeId: auth.userId, scores: marks, comment: dto.comment ?? '' });
      return { set: saved, criteria };
    });
    this.logger.log(`judge ${auth.userId} scored project ${projectId}`);
    await this.leaderboards.changed(view.event.id);
    return toDto(set, criteria);
  }

  /** Organisers see every judge's set; a judge sees only their own (never another judge's). */
  async list(auth: AuthContext, slug: string, projectId: string): Promise<ScoreSetDto[]> {
    const view = await this.access.view(auth, slug);
    if (!view.organiser && !view.judge) throw new HackathonError(HackathonErrorCode.NotJudge, `only judges and organisers of ${slug} see scores`);
    const project = await this.projects.findInEvent(view.event.id, projectId);
    if (!project) throw new HackathonError(HackathonErrorCode.ProjectNotFound, `project ${projectId} not found`);
    const [sets, criteria] = await Promise.all([this.scores.forProject(projectId, view.organiser ? undefined : auth.userId), this.criteria.forEvent(view.event.id)]);
    return sets.map((set) => toDto(set, criteria, view.organiser ? set.judgeName : undefined));
  }
}
