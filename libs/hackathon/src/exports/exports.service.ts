import { AuthContext } from '@arena/common';
import { weightedTotal } from '@arena/scoring';
import { Injectable } from '@nestjs/common';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { HackathonAccessService } from '../hackathon-access.service';
import { JudgesRepository } from '../judging/judges.repository';
import { PairwiseRepository } from '../pairwise/pairwise.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { StandingsService } from '../results/standings.service';
import { ScoresRepository } from '../scores/scores.repository';
import { JudgingMode } from '../settings/judging-mode.enum';
import { CsvCell, toCsv } from './csv';

export type ExportKind = 'projects' | 'scores' | 'results';

/** Organisers' CSV exports; every user-written cell is escaped against formula injection. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly access: HackathonAccessService,
    private readonly projects: ProjectsRepository,
    private readonly criteria: CriteriaRepository,
    private readonly scores: ScoresRepository,
    private readonly pairwise: PairwiseRepository,
    private readonly judges: JudgesRepository,
    private readonly standings: StandingsService,
  ) {}

  async export(auth: AuthContext, slug: string, kind: ExportKind): Promise<string> {
    const { event, settings } = await this.access.organiserView(auth, slug);
    if (kind === 'projects') return this.projectsCsv(event.id);
    if (kind === 'results') return this.resultsCsv(settings);
    return settings.mode === JudgingMode.Pairwise ? this.votesCsv(event.id) : this.scoresCsv(event.id);
  }

  private async projectsCsv(eventId: string): Promise<string> {
    const projects = await this.projects.findJudged(eventId);
    return toCsv(
      ['project_id', 'team', 'title', 'summary', 'tracks', 'repo_url', 'video_url', 'version', 'archive', 'failed_checks', 'submitted_at', 'updated_at'],
      projects.map((project) => [
        project.id,
        project.team?.name,
        project.title,
        project.summary,
        project.tracks.join('; '),
        project.repoUrl,
        project.videoUrl,
        project.version,
        project.archive?.name,
        project.checks
          .filter((check) => check.status === 'failed')
          .map((check) => check.name)
          .join('; '),
        project.createdAt,
        project.updatedAt,
      ]),
    );
  }

  private async scoresCsv(eventId: string): Promise<string> {
    const [criteria, sets, projects, judges] = await Promise.all([
      this.criteria.forEvent(eventId),
      this.scores.forEvent(eventId),
      this.projects.findJudged(eventId),
      this.judges.judges(eventId),
    ]);
    const titles = new Map(projects.map((project) => [project.id, project.title]));
    const names = new Map(judges.map((judge) => [judge.id, judge.displayName]));
    return toCsv(
      ['project_id', 'project', 'judge_id', 'judge', ...criteria.map((criterion) => criterion.name), 'total', 'comment', 'updated_at'],
      sets.map((set): CsvCell[] => [
        set.projectId,
        titles.get(set.projectId),
        set.judgeId,
        names.get(set.judgeId),
        ...criteria.map((criterion) => set.scores[criterion.id]),
        weightedTotal(criteria, set.scores),
        set.comment,
        set.updatedAt,
      ]),
    );
  }

  private async votesCsv(eventId: string): Promise<string> {
    const log = await this.pairwise.log(eventId);
    return toCsv(
      ['vote_id', 'judge_id', 'winner_id', 'loser_id', 'withdrawn', 'created_at'],
      log.map((vote) => [vote.id, vote.judgeId, vote.winnerId, vote.loserId, vote.undone, vote.createdAt]),
    );
  }

  private async resultsCsv(settings: Parameters<StandingsService['compute']>[0]): Promise<string> {
    const results = await this.standings.compute(settings, true);
    const rows: CsvCell[][] = [];
    for (const item of results.overall) rows.push(['overall', item.rank, item.projectId, item.title, item.teamName, item.score, item.breakdown?.meanRaw, item.judged, null]);
    for (const track of results.tracks) {
      for (const item of track.rows) rows.push([track.track, item.rank, item.projectId, item.title, item.teamName, item.score, item.breakdown?.meanRaw, item.judged, null]);
    }
    for (const item of results.peoplesChoice) rows.push(["people's choice", item.rank, item.projectId, item.title, item.teamName, null, null, null, item.votes]);
    return toCsv(['board', 'rank', 'project_id', 'title', 'team', 'score', 'mean_raw', 'judged', 'votes'], rows);
  }
}
