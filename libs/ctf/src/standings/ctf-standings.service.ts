import { AuthContext } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { currentValue } from '../challenges/challenge-view';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { BoardView, CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { ctfSettings } from '../ctf-settings';
import { HistoryQueryDto, TeamHistoryDto } from './dto/leaderboard.dto';
import { RankedRow, rankRows } from './ranking';
import { cumulativePoints } from './score-history';
import { StandingsQuery, StandingsRepository } from './standings.repository';

/** The CTFtime scoreboard feed. */
export interface CtftimeFeed {
  tasks: string[];
  standings: Array<{ pos: number; team: string; score: number; taskStats: Record<string, { points: number; time: number }>; lastAccept: number | null }>;
}

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

/** Jeopardy standings exactly as scoring.md: current values, awards, tie-break, divisions, freeze. */
@Injectable()
export class CtfStandingsService {
  constructor(
    private readonly standings: StandingsRepository,
    private readonly challenges: ChallengesRepository,
    private readonly access: CtfAccessService,
    private readonly teams: TeamsService,
  ) {}

  /** Cumulative score over time of the top N teams (the score graph). */
  async history(auth: AuthContext | undefined, slug: string, query: HistoryQueryDto): Promise<TeamHistoryDto[]> {
    const view = await this.visibleView(auth, slug);
    const standingsQuery = await this.query(view.event, view.cutoff, query.division ?? null);
    const top = rankRows(await this.standings.standings(standingsQuery)).slice(0, query.top);
    const events = await this.standings.scoringEvents(standingsQuery, top.map((row) => row.teamId));
    return top.map((row) => ({
      teamId: row.teamId,
      teamName: row.teamName,
      rank: row.rank,
      points: cumulativePoints(events.filter((event) => event.teamId === row.teamId)),
    }));
  }

  async ctftime(auth: AuthContext | undefined, slug: string): Promise<CtftimeFeed> {
    const view = await this.visibleView(auth, slug);
    const standingsQuery = await this.query(view.event, view.cutoff, null);
    const rows = rankRows(await this.standings.standings(standingsQuery));
    const [challenges, events] = await Promise.all([
      this.challenges.findForBoard(view.event.id),
      this.standings.scoringEvents(standingsQuery, rows.map((row) => row.teamId)),
    ]);
    const names = new Map(challenges.map((challenge) => [challenge.id, challenge.name]));
    // Solves of a challenge hidden later still count (as in CTFd), so its name stays among the tasks.
    const solvedIds = new Set(events.map((event) => event.challengeId));
    return {
      tasks: challenges.filter((challenge) => challenge.state === 'visible' || solvedIds.has(challenge.id)).map((challenge) => challenge.name),
      standings: rows.map((row) => {
        const solves = events.filter((event) => event.teamId === row.teamId && event.challengeId && standingsQuery.values.has(event.challengeId));
        const taskStats: Record<string, { points: number; time: number }> = {};
        for (const solve of solves) {
          const name = names.get(solve.challengeId as string) as string;
          taskStats[name] = { points: (taskStats[name]?.points ?? 0) + solve.points, time: unix(solve.at) };
        }
        const last = solves.at(-1);
        return { pos: row.rank, team: row.teamName, score: row.score, taskStats, lastAccept: last ? unix(last.at) : null };
      }),
    };
  }

  /**
   * The overall ranked board before `cutoff` (the leaderboard cache splits it by division). `withBanned` lists banned
   * teams too, ranked among the others and marked (the organisers' board); their solves never lower a value.
   */
  async rankedBoard(event: EventEntity, cutoff: Date | null, withBanned = false): Promise<RankedRow[]> {
    return rankRows(await this.standings.standings({ ...(await this.query(event, cutoff, null)), withBanned }));
  }

  /** A team's live score (hint unlocks check it). */
  async liveScore(event: EventEntity, teamId: string): Promise<number> {
    const rows = await this.standings.standings(await this.query(event, null, null));
    return rows.find((row) => row.teamId === teamId)?.score ?? 0;
  }

  private async query(event: EventEntity, cutoff: Date | null, division: string | null): Promise<StandingsQuery> {
    const [challenges, counts] = await Promise.all([this.challenges.findForBoard(event.id), this.challenges.solveCounts(event.id, cutoff)]);
    return {
      eventId: event.id,
      values: new Map(challenges.map((challenge) => [challenge.id, currentValue(challenge, counts)])),
      cutoff,
      firstBloodBonus: ctfSettings(event).firstBloodBonus,
      division,
    };
  }

  /** Boards follow the event's leaderboardVisibility; a board the caller may not see is 404. */
  private async visibleView(auth: AuthContext | undefined, slug: string): Promise<BoardView> {
    const view = await this.access.view(auth, slug);
    // The same rule as the boards (TeamsService.canSeeBoards), so the feeds never show more than the board.
    if (!(await this.teams.canSeeBoards(auth, view.event))) throw new CtfError(CtfErrorCode.LeaderboardHidden, `the leaderboard of ${slug} is not public`);
    return view;
  }
}
