import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { ProjectsRepository } from '../projects/projects.repository';
import { SettingsRepository } from '../settings/settings.repository';
import { StandingsService } from './standings.service';

/** A team's row on the event leaderboard (the contract's row shape). */
export interface HackathonBoardRow {
  rank: number;
  teamId: string;
  teamName: string;
  division: string | null;
  /** Mean z, mean raw total or μ; 0 for an unjudged project (always ranked last). */
  score: number;
  lastScoredAt: string | null;
}

/** The hackathon rows for the shared leaderboard: organisers always see them, everyone else once results are published. */
export interface HackathonBoards {
  live: HackathonBoardRow[];
  /** Null until the organiser publishes: the public board is then empty. */
  published: HackathonBoardRow[] | null;
}

@Injectable()
export class HackathonBoardService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly standings: StandingsService,
    private readonly projects: ProjectsRepository,
  ) {}

  async boards(event: EventEntity): Promise<HackathonBoards> {
    const settings = await this.settings.find(event.id);
    const [results, projects] = await Promise.all([this.standings.compute(settings, false), this.projects.findJudged(event.id)]);
    const divisions = new Map(projects.map((project) => [project.teamId, project.team?.division ?? null]));
    const live = results.overall.map((row) => ({
      rank: row.rank,
      teamId: row.teamId,
      teamName: row.teamName,
      division: divisions.get(row.teamId) ?? null,
      score: row.score ?? 0,
      lastScoredAt: null,
    }));
    return { live, published: settings.resultsPublishedAt ? live : null };
  }
}
