import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { ChallengeState } from '../challenges/challenge.enums';
import { CtfSnapshot } from './ctf-standings.service';
import { HistoryPointDto, TeamHistoryDto } from './dto/leaderboard.dto';
import { RankedRow, rankRows } from './ranking';
import { cumulativePoints } from './score-history';
import { ScoringEvent, StandingsQuery, StandingsRepository } from './standings.repository';

/** The most teams a score graph shows (`?top=` is at most this). */
export const HISTORY_TOP_MAX = 50;

/** The most solves the ticker feed keeps (`?limit=` is at most this). */
export const RECENT_SOLVES_MAX = 50;

/** The CTFtime scoreboard feed. */
export interface CtftimeFeed {
  tasks: string[];
  standings: Array<{ pos: number; team: string; score: number; taskStats: Record<string, { points: number; time: number }>; lastAccept: number | null }>;
}

/** The public feeds of one view of a board: computed with it by the worker, served from the board cache. */
export interface CtfFeeds {
  /** The CTFtime feed, serialized (it is only ever sent as it is). */
  ctftime: string;
  /** The score graph of the top HISTORY_TOP_MAX teams overall and of each division. */
  history: { all: TeamHistoryDto[]; divisions: Record<string, TeamHistoryDto[]> };
  /** The latest RECENT_SOLVES_MAX solves, newest first, serialized (`RecentSolveDto[]`). */
  solves: string;
}

/** Builds the CTFtime feed, the score graphs and the recent solves from a board's snapshot: set-based queries, none per team. */
@Injectable()
export class CtfFeedsService {
  constructor(private readonly standings: StandingsRepository) {}

  async feeds(event: EventEntity, snapshot: CtfSnapshot): Promise<CtfFeeds> {
    // Rows up to the snapshot's start only: a solve stored while it was read belongs to the next version.
    const query: StandingsQuery = { ...snapshot.query, cutoff: snapshot.query.cutoff ?? snapshot.takenAt };
    const [ctftime, history, solves] = await Promise.all([
      this.ctftime(snapshot, query),
      this.history(event, snapshot.rows, query),
      this.standings.recentSolves(query, RECENT_SOLVES_MAX),
    ]);
    return { ctftime, history, solves };
  }

  /** Assembled as text around PostgreSQL's JSON: the feed of 20 000 teams is never an object graph in node. */
  private async ctftime(snapshot: CtfSnapshot, query: StandingsQuery): Promise<string> {
    const stats = new Map((await this.standings.taskStats(query)).map((row) => [row.teamId, row]));
    // Solves of a challenge hidden later still count (as in CTFd), so its name stays among the tasks.
    const tasks = snapshot.challenges
      .filter((challenge) => challenge.state === ChallengeState.Visible || (snapshot.counts.get(challenge.id) ?? 0) > 0)
      .map((challenge) => challenge.name);
    const standings = snapshot.rows.map((row) => {
      const team = stats.get(row.teamId);
      return `{"pos":${row.rank},"team":${JSON.stringify(row.teamName)},"score":${row.score},"taskStats":${team?.statsJson ?? '{}'},"lastAccept":${team?.lastAccept ?? 'null'}}`;
    });
    return `{"tasks":${JSON.stringify(tasks)},"standings":[${standings.join(',')}]}`;
  }

  private async history(event: EventEntity, rows: RankedRow[], query: StandingsQuery): Promise<CtfFeeds['history']> {
    const all = rows.slice(0, HISTORY_TOP_MAX);
    const divisions = event.divisions.map((division) => [division, rankRows(rows.filter((row) => row.division === division)).slice(0, HISTORY_TOP_MAX)] as const);
    const teamIds = [...new Set([...all, ...divisions.flatMap(([, top]) => top)].map((row) => row.teamId))];
    const byTeam = new Map<string, ScoringEvent[]>();
    for (const scoring of await this.standings.scoringEvents(query, teamIds)) {
      const events = byTeam.get(scoring.teamId);
      if (events) events.push(scoring);
      else byTeam.set(scoring.teamId, [scoring]);
    }
    const points = new Map<string, HistoryPointDto[]>(teamIds.map((id) => [id, cumulativePoints(byTeam.get(id) ?? [])]));
    const graph = (top: RankedRow[]): TeamHistoryDto[] => top.map((row) => ({ teamId: row.teamId, teamName: row.teamName, rank: row.rank, points: points.get(row.teamId) ?? [] }));
    return { all: graph(all), divisions: Object.fromEntries(divisions.map(([division, top]) => [division, graph(top)])) };
  }
}
