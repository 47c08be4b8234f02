import { AdStandingRow, AdStandingsService } from '@arena/ad';
import { CtfFeeds, CtfFeedsService, CtfStandingsService, IncrementalStandings, isFrozen, RankedRow, rankRows, withoutBannedRows } from '@arena/ctf';
import { HackathonBoardService } from '@arena/hackathon';
import { EventEntity, EventKind } from '@arena/registration';
import { AiBoardService } from '@arena/submissions';
import { Injectable } from '@nestjs/common';
import { BoardDocument, BoardFeedTexts, boardKeys, BoardRow, BoardView } from './board-document';

type Boards = Record<BoardView, Omit<BoardDocument, 'version'>>;

/** An event's boards, and (CTF) how to compute the feeds of the same snapshot once the boards are out. */
export interface ComputedBoards {
  boards: Boards;
  feeds: (() => Promise<Record<BoardView, BoardFeedTexts>>) | null;
}

const feedTexts = (feeds: CtfFeeds): BoardFeedTexts => {
  const history = { [boardKeys.all]: feeds.history.all, ...Object.fromEntries(Object.entries(feeds.history.divisions).map(([name, rows]) => [boardKeys.division(name), rows])) };
  return { ctftime: feeds.ctftime, history: JSON.stringify(history), solves: feeds.solves };
};

const toRow = (row: RankedRow): BoardRow => ({
  rank: row.rank,
  teamId: row.teamId,
  teamName: row.teamName,
  division: row.division,
  score: row.score,
  lastScoredAt: row.lastAt ? row.lastAt.toISOString() : null,
  ...(row.banned ? { banned: true as const } : {}),
});

/**
 * The boards without banned teams (everyone but organisers), renumbered in the same order, ties kept; the same
 * object when no team is banned, so an unfrozen event still stores one document for both views.
 */
export function withoutBanned(boards: Record<string, BoardRow[]>): Record<string, BoardRow[]> {
  if (!Object.values(boards).some((rows) => rows.some((row) => row.banned))) return boards;
  const strip = (rows: BoardRow[]) => {
    const kept: BoardRow[] = [];
    let previous: { from: number; to: number } | null = null;
    for (const row of rows.filter((candidate) => !candidate.banned)) {
      const rank: number = previous && previous.from === row.rank ? previous.to : kept.length + 1;
      previous = { from: row.rank, to: rank };
      kept.push({ ...row, rank });
    }
    return kept;
  };
  return Object.fromEntries(Object.entries(boards).map(([key, rows]) => [key, strip(rows)]));
}

/** The overall board plus one per division, each with its own ranks. */
function withDivisions(event: EventEntity, rows: RankedRow[]): Record<string, BoardRow[]> {
  const boards: Record<string, BoardRow[]> = { [boardKeys.all]: rows.map(toRow) };
  for (const division of event.divisions) {
    boards[boardKeys.division(division)] = rankRows(rows.filter((row) => row.division === division)).map(toRow);
  }
  return boards;
}

/** The rows of one division of an already ranked board (one rank each), renumbered in the same order. */
const inDivision = (rows: BoardRow[], division: string): BoardRow[] => rows.filter((row) => row.division === division).map((row, index) => ({ ...row, rank: index + 1 }));

/** An already ranked board and one per division. */
function byDivision(event: EventEntity, rows: BoardRow[]): Record<string, BoardRow[]> {
  const boards: Record<string, BoardRow[]> = { [boardKeys.all]: rows };
  for (const division of event.divisions) boards[boardKeys.division(division)] = inDivision(rows, division);
  return boards;
}

/** Each task's public and private boards, and each of those per division. */
function taskBoards(event: EventEntity, tasks: Array<{ id: string }>, boards: Record<string, BoardRow[]>): Record<string, BoardRow[]> {
  const all = { ...boards };
  for (const task of tasks) {
    for (const board of ['public', 'private'] as const) {
      const rows = boards[boardKeys.task(task.id, board)] ?? [];
      for (const division of event.divisions) all[boardKeys.taskDivision(task.id, board, division)] = inDivision(rows, division);
    }
  }
  return all;
}

/** Computes every board of an event from PostgreSQL (set-based SQL in each kind's lib). */
@Injectable()
export class BoardComputer {
  constructor(
    private readonly ctf: CtfStandingsService,
    private readonly ctfFeeds: CtfFeedsService,
    private readonly ai: AiBoardService,
    private readonly hackathon: HackathonBoardService,
    private readonly ad: AdStandingsService,
  ) {}

  /** Whether the public view is frozen now. */
  frozen(event: EventEntity, now = new Date()): boolean {
    return isFrozen(event, now);
  }

  async compute(event: EventEntity): Promise<Boards> {
    return (await this.computeWithFeeds(event)).boards;
  }

  /** With `incremental` (the worker's), CTF standings come from its in-memory state instead of a SQL pass. */
  async computeWithFeeds(event: EventEntity, incremental?: IncrementalStandings): Promise<ComputedBoards> {
    if (event.kind === EventKind.Ctf) return this.ctfBoards(event, incremental);
    return { boards: await this.otherBoards(event), feeds: null };
  }

  private async ctfBoards(event: EventEntity, incremental?: IncrementalStandings): Promise<ComputedBoards> {
    const frozen = this.frozen(event);
    const base = { eventId: event.id, frozen, updatedAt: new Date().toISOString(), tasks: [] };
    // Organisers' boards list banned teams too (marked); the public ones and their feeds never.
    const [liveSnapshot, frozenSnapshot = liveSnapshot] = incremental
      ? await incremental.snapshots(event, frozen ? [null, event.freezeAt] : [null])
      : [await this.ctf.snapshot(event, null, true), ...(frozen ? [await this.ctf.snapshot(event, event.freezeAt, true)] : [])];
    const publicRows = withoutBannedRows(frozenSnapshot.rows);
    // Unfrozen with nobody banned, both views show the same boards: built once (and stored once, see BoardCache.store).
    const publicSnapshot = publicRows === liveSnapshot.rows ? liveSnapshot : { ...frozenSnapshot, rows: publicRows };
    const live = withDivisions(event, liveSnapshot.rows);
    const pub = publicSnapshot === liveSnapshot ? live : withDivisions(event, publicSnapshot.rows);
    const feeds = async () => {
      const liveFeeds = feedTexts(await this.ctfFeeds.feeds(event, liveSnapshot));
      const publicFeeds = publicSnapshot === liveSnapshot ? liveFeeds : feedTexts(await this.ctfFeeds.feeds(event, publicSnapshot));
      return { live: liveFeeds, public: publicFeeds };
    };
    return { boards: { live: { ...base, view: 'live', boards: live }, public: { ...base, view: 'public', boards: pub } }, feeds };
  }

  private async otherBoards(event: EventEntity): Promise<Boards> {
    const base = { eventId: event.id, frozen: this.frozen(event), updatedAt: new Date().toISOString() };
    switch (event.kind) {
      case EventKind.Ai: {
        const ai = await this.ai.allBoards(event);
        const boards = taskBoards(event, ai.tasks, ai.boards);
        return { live: { ...base, view: 'live', tasks: ai.tasks, boards }, public: { ...base, view: 'public', tasks: ai.tasks, boards: withoutBanned(boards) } };
      }
      case EventKind.Hackathon: {
        // Judged standings: organisers always; everyone else once results are published (no freeze).
        const { live, published } = await this.hackathon.boards(event);
        const judged = { ...base, frozen: false, tasks: [] };
        return {
          live: { ...judged, view: 'live', boards: byDivision(event, live) },
          public: { ...judged, view: 'public', boards: published ? byDivision(event, published) : {} },
        };
      }
      case EventKind.Ad: {
        // Attack-defence totals (attack + defence + SLA); frozen like jeopardy boards.
        const toRows = (rows: AdStandingRow[]): BoardRow[] =>
          rows.map((row, index) => ({
            rank: index + 1,
            teamId: row.teamId,
            teamName: row.teamName,
            division: null,
            score: row.total,
            lastScoredAt: null,
            ...(row.banned ? { banned: true as const } : {}),
          }));
        const live = await this.ad.compute(event, null);
        const pub = base.frozen ? await this.ad.compute(event, event.freezeAt) : live;
        const publicRows = toRows(pub.rows.filter((row) => !row.hidden && !row.banned));
        return {
          live: { ...base, view: 'live', tasks: [], boards: { [boardKeys.all]: toRows(live.rows) } },
          public: { ...base, view: 'public', tasks: [], boards: { [boardKeys.all]: publicRows } },
        };
      }
      default:
        return { live: { ...base, view: 'live', tasks: [], boards: {} }, public: { ...base, view: 'public', tasks: [], boards: {} } };
    }
  }
}
