import { ITEM_PRIOR, rankRubricProjects, replayVotes } from '@arena/scoring';
import { Injectable } from '@nestjs/common';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { JudgesRepository } from '../judging/judges.repository';
import { PairwiseRepository } from '../pairwise/pairwise.repository';
import { PeoplesChoiceRepository } from '../peoples-choice/peoples-choice.repository';
import { ProjectEntity } from '../projects/entities/project.entity';
import { ProjectsRepository } from '../projects/projects.repository';
import { ScoresRepository } from '../scores/scores.repository';
import { HackathonSettingsEntity } from '../settings/entities/hackathon-settings.entity';
import { JudgingMode } from '../settings/judging-mode.enum';
import { PeoplesChoiceRowDto, ResultRowDto, ResultsDto } from './dto/results.dto';

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));

function row(project: ProjectEntity, rank: number, score: number | null, judged: number): ResultRowDto {
  return { rank, projectId: project.id, title: project.title, teamId: project.teamId, teamName: project.team?.name ?? '', tracks: project.tracks, score, judged };
}

/** Computes the standings from the stored scores or the vote log; who may see them is the caller's business. */
@Injectable()
export class StandingsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly criteria: CriteriaRepository,
    private readonly scores: ScoresRepository,
    private readonly pairwise: PairwiseRepository,
    private readonly peoplesChoice: PeoplesChoiceRepository,
    private readonly judges: JudgesRepository,
  ) {}

  /** Overall, per track and people's choice; `withBreakdown` adds each row's raw, normalised and per-judge numbers. */
  async compute(settings: HackathonSettingsEntity, withBreakdown: boolean): Promise<ResultsDto> {
    const projects = await this.projects.findJudged(settings.eventId);
    const overall =
      settings.mode === JudgingMode.Pairwise ? await this.pairwiseRows(settings.eventId, projects, withBreakdown) : await this.rubricRows(settings, projects, withBreakdown);
    const tracks = settings.tracks.map((track) => ({
      track,
      rows: overall.filter((item) => item.tracks.includes(track)).map((item, index) => ({ ...item, rank: index + 1 })),
    }));
    return {
      eventId: settings.eventId,
      mode: settings.mode,
      normalisation: settings.normalisation,
      publishedAt: settings.resultsPublishedAt ? settings.resultsPublishedAt.toISOString() : null,
      overall,
      tracks,
      peoplesChoice: settings.peoplesChoiceEnabled ? await this.peoplesChoiceRows(settings.eventId, projects) : [],
    };
  }

  private async rubricRows(settings: HackathonSettingsEntity, projects: ProjectEntity[], withBreakdown: boolean): Promise<ResultRowDto[]> {
    const [criteria, sets, judges] = await Promise.all([this.criteria.forEvent(settings.eventId), this.scores.forEvent(settings.eventId), this.judges.judges(settings.eventId)]);
    const ranked = rankRubricProjects(
      projects.map((project) => ({ id: project.id, submittedAt: project.createdAt })),
      criteria,
      sets,
      settings.normalisation,
    );
    const projectById = byId(projects);
    const names = new Map(judges.map((judge) => [judge.id, judge.displayName]));
    const setOf = new Map(sets.map((set) => [`${set.projectId}:${set.judgeId}`, set]));
    return ranked.map((ranking) => {
      const result = row(projectById.get(ranking.projectId) as ProjectEntity, ranking.rank, ranking.score, ranking.judges.length);
      if (!withBreakdown) return result;
      const judgesOf = ranking.judges.map((mark) => {
        const set = setOf.get(`${ranking.projectId}:${mark.judgeId}`);
        return { ...mark, judgeName: names.get(mark.judgeId) ?? '', scores: set?.scores ?? {}, comment: set?.comment ?? '' };
      });
      return { ...result, breakdown: { meanRaw: ranking.meanRaw, judges: judgesOf } };
    });
  }

  // Projects rank by μ; equal μ (e.g. never compared) by the earlier submission.
  private async pairwiseRows(eventId: string, projects: ProjectEntity[], withBreakdown: boolean): Promise<ResultRowDto[]> {
    const votes = await this.pairwise.activeVotes(eventId);
    const state = replayVotes(votes);
    const comparisons = new Map<string, number>();
    for (const vote of votes) for (const id of [vote.winnerId, vote.loserId]) comparisons.set(id, (comparisons.get(id) ?? 0) + 1);
    const sorted = projects
      .map((project) => ({ project, belief: state.items.get(project.id) ?? ITEM_PRIOR }))
      .sort((a, b) => b.belief.mu - a.belief.mu || a.project.createdAt.getTime() - b.project.createdAt.getTime() || (a.project.id < b.project.id ? -1 : 1));
    return sorted.map(({ project, belief }, index) => {
      const result = row(project, index + 1, belief.mu, comparisons.get(project.id) ?? 0);
      return withBreakdown ? { ...result, breakdown: { meanRaw: null, judges: [], mu: belief.mu, sigmaSq: belief.sigmaSq } } : result;
    });
  }

  private async peoplesChoiceRows(eventId: string, projects: ProjectEntity[]): Promise<PeoplesChoiceRowDto[]> {
    const counts = await this.peoplesChoice.counts(eventId);
    return projects
      .map((project) => ({ project, votes: counts.get(project.id) ?? 0 }))
      .sort((a, b) => b.votes - a.votes || a.project.createdAt.getTime() - b.project.createdAt.getTime())
      .map(({ project, votes }, index) => ({ rank: index + 1, projectId: project.id, title: project.title, teamName: project.team?.name ?? '', votes }));
  }
}
