import { CoalescingLoader } from '@arena/common';
import { LeaderboardNotifier, movesScoresOnly } from '@arena/jobs';
import { Injectable } from '@nestjs/common';
import { ChallengesRepository, FirstBlood } from './challenges.repository';
import { ChallengeEntity } from './entities/challenge.entity';

/** The solves a board shows as of one cutoff: counts by visible teams, and first bloods. */
export interface SolveFacts {
  counts: Map<string, number>;
  bloods: Map<string, FirstBlood>;
}

/** An event's challenges in board order, and by id. */
interface Challenges {
  list: ChallengeEntity[];
  byId: Map<string, ChallengeEntity>;
  /** The list as JSON: a reload that finds the same keeps the objects. */
  signature: string;
}

const sameCounts = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([id, n]) => b.get(id) === n);

const sameBloods = (a: Map<string, FirstBlood>, b: Map<string, FirstBlood>) =>
  a.size === b.size &&
  [...a].every(([id, blood]) => {
    const other = b.get(id);
    return other !== undefined && other.teamId === blood.teamId && other.teamName === blood.teamName && other.at.getTime() === blood.at.getTime();
  });

/** The event-wide part of a challenge board, the same for every reader. */
interface EventBoard {
  challenges: CoalescingLoader<Challenges>;
  /** By cutoff (`live`, or the freeze's epoch ms). */
  solves: Map<string, CoalescingLoader<SolveFacts>>;
  /** By cutoff, then challenge id: the counts this process's own solves reached (recent counts never answer less). */
  floors: Map<string, Map<string, number>>;
}

const cutoffKey = (cutoff: Date | null) => (cutoff ? String(cutoff.getTime()) : 'live');

// Changes made through another api process show within this bound, as on the attempt path.
const MAX_AGE_MS = 1000;
const MAX_EVENTS = 1000;
// How old the solve counts an attempt's answer uses may be.
const RECENT_MS = 2000;
// Solve facts count every solve of the event: in a storm (every solve invalidates them) they are reloaded at most
// once per this gap, not back to back (each reload after a change still starts after it).
const SOLVES_RELOAD_GAP_MS = 100;

/**
 * The event-wide facts of the challenge list and of flag attempts (challenges in board order with hints, files and
 * flags; solve counts and first bloods per cutoff), kept in memory per event and shared by every reader. Each is
 * loaded by one coalescing loader: never by every request, and a storm of solves costs one reload after another, not
 * one per solve. A solve, an unlock or an award (scope `Scores`) reloads only the solves; anything else reloads the
 * challenges too.
 */
@Injectable()
export class ChallengeBoardService {
  private readonly boards = new Map<string, EventBoard>();

  constructor(
    private readonly repository: ChallengesRepository,
    notifier: LeaderboardNotifier,
  ) {
    notifier.onChanged((eventId, scope) => {
      const board = this.boards.get(eventId);
      if (!board) return;
      if (!movesScoresOnly(scope)) board.challenges.invalidate();
      // A ban or a hidden team can lower counts: the floors of earlier solves no longer hold.
      if (!movesScoresOnly(scope)) board.floors.clear();
      for (const solves of board.solves.values()) solves.invalidate();
    });
    // Challenges edited, hidden or deleted through another api process: dropped at once here too (null: any event).
    notifier.onDefinitionsChanged((eventId) => {
      for (const [id, board] of this.boards) {
        if (eventId !== null && id !== eventId) continue;
        board.challenges.invalidate();
        board.floors.clear();
        for (const solves of board.solves.values()) solves.invalidate();
      }
    });
  }

  /** Every challenge of the event in board order, with hints, files and flags (never shown). Shared: do not modify. */
  async challenges(eventId: string): Promise<ChallengeEntity[]> {
    return (await this.board(eventId).challenges.get()).list;
  }

  /** One challenge of the event as `challenges` has it, or undefined. Shared: do not modify. */
  async challenge(eventId: string, id: string): Promise<ChallengeEntity | undefined> {
    return (await this.board(eventId).challenges.get()).byId.get(id);
  }

  /** As `challenges`, synchronously: undefined when it would have to wait for a load. */
  peekChallenges(eventId: string): ChallengeEntity[] | undefined {
    return this.board(eventId).challenges.peek()?.list;
  }

  /** As `solves`, synchronously: undefined when it would have to wait for a load. */
  peekSolves(eventId: string, cutoff: Date | null): SolveFacts | undefined {
    return this.solvesLoader(eventId, cutoff).peek();
  }

  /** Solve counts and first bloods by teams neither hidden nor banned, before `cutoff` when given. */
  solves(eventId: string, cutoff: Date | null): Promise<SolveFacts> {
    return this.solvesLoader(eventId, cutoff).get();
  }

  /**
   * As `solves`, but the last facts loaded at most RECENT_MS ago do, even after a change (refreshed in the background):
   * a flag attempt's answered value never waits for the reload that every solve of a storm starts.
   */
  recentSolves(eventId: string, cutoff: Date | null): Promise<SolveFacts> {
    return this.solvesLoader(eventId, cutoff).recent(RECENT_MS);
  }

  /** One challenge's count from `recentSolves`, never below what this process's own solves reached. */
  async recentSolveCount(eventId: string, cutoff: Date | null, challengeId: string): Promise<number> {
    const { counts } = await this.recentSolves(eventId, cutoff);
    return Math.max(counts.get(challengeId) ?? 0, this.board(eventId).floors.get(cutoffKey(cutoff))?.get(challengeId) ?? 0);
  }

  /** A solve stored by this process brought the challenge's count (as of `cutoff`) to `count`: answer no less. */
  noteSolveCount(eventId: string, cutoff: Date | null, challengeId: string, count: number): void {
    const floors = this.board(eventId).floors;
    let counts = floors.get(cutoffKey(cutoff));
    if (!counts) floors.set(cutoffKey(cutoff), (counts = new Map<string, number>()));
    counts.set(challengeId, Math.max(count, counts.get(challengeId) ?? 0));
  }

  private solvesLoader(eventId: string, cutoff: Date | null): CoalescingLoader<SolveFacts> {
    const board = this.board(eventId);
    const key = cutoffKey(cutoff);
    let solves = board.solves.get(key);
    if (!solves) {
      solves = new CoalescingLoader(() => this.loadSolves(eventId, cutoff), MAX_AGE_MS, Date.now, SOLVES_RELOAD_GAP_MS);
      board.solves.set(key, solves);
    }
    return solves;
  }

  private board(eventId: string): EventBoard {
    let board = this.boards.get(eventId);
    if (!board) {
      board = { challenges: new CoalescingLoader(() => this.loadChallenges(eventId), MAX_AGE_MS), solves: new Map(), floors: new Map() };
      this.boards.set(eventId, board);
      if (this.boards.size > MAX_EVENTS) this.boards.delete(this.boards.keys().next().value as string);
    }
    return board;
  }

  private async loadChallenges(eventId: string): Promise<Challenges> {
    const list = await this.repository.findForBoard(eventId, true);
    // A reload that finds what the last one did answers the same objects: what readers built from them stays valid.
    const signature = JSON.stringify(list);
    const last = this.boards.get(eventId)?.challenges.lastLoaded();
    if (last?.signature === signature) return last;
    return { list, byId: new Map(list.map((challenge) => [challenge.id, challenge])), signature };
  }

  private async loadSolves(eventId: string, cutoff: Date | null): Promise<SolveFacts> {
    const [counts, bloods] = await Promise.all([this.repository.solveCounts(eventId, cutoff), this.repository.firstBloods(eventId, cutoff)]);
    // As for challenges: unchanged facts keep their identity (the challenge lists built from them are reused).
    const last = this.boards.get(eventId)?.solves.get(cutoffKey(cutoff))?.lastLoaded();
    if (last && sameCounts(last.counts, counts) && sameBloods(last.bloods, bloods)) return last;
    return { counts, bloods };
  }
}
