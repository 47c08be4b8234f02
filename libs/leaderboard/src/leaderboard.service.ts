import { ArenaError, AuthContext, ErrorKind, TtlCache } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { EventEntity, EventKind, EventsService, LeaderboardVisibility } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { BoardCache } from './board-cache.service';
import { BoardComputer } from './board-computer.service';
import { BoardDocument, boardKeys, BoardRow, BoardView } from './board-document';
import { BoardQueryDto } from './dto/board-query.dto';

/** What a board read answers (the contract's leaderboard object). */
export interface BoardResponse {
  eventId: string;
  frozen: boolean;
  updatedAt: string;
  total: number;
  rows: BoardRow[];
  /** AI: which board of which task. */
  taskId?: string;
  board?: 'public' | 'private';
  /** AI: every task of the event (the web board's task tabs). */
  tasks?: Array<{ id: string; name: string }>;
  /** AI boards of custom scorers: the scorer's other keys, in the order the board shows them (each row's `scores`). */
  columns?: string[];
}

export interface BoardRead {
  body: BoardResponse;
  version: number;
  view: BoardView;
  /** Epoch ms until which this answer may be served again as it is: short, and never past the freeze or the end. */
  reusableUntil: number;
}

// Event definitions change rarely; reads within this window skip the database.
const EVENT_TTL_MS = 1000;
// How long an answer may be reused when no change is heard (the same bound as the event definitions it rests on).
const ANSWER_TTL_MS = 1000;

const notFound = (message: string) => new ArenaError(ErrorKind.NotFound, 'leaderboard-not-found', message);

/** Reads boards from the cache (memory, then Redis); an empty or stale cache is rebuilt from PostgreSQL. */
@Injectable()
export class LeaderboardService {
  // Shared loads: a thousand stream clients woken together look the event up once.
  private readonly events = new TtlCache<EventEntity>(EVENT_TTL_MS);
  // When this instance last changed each event: a board computed before that is stale here (read-your-writes).
  private readonly changedAt = new Map<string, number>();
  private readonly rebuilding = new Map<string, Promise<Record<BoardView, BoardDocument>>>();
  private readonly rebuildStarted = new Map<string, number>();

  constructor(
    private readonly eventsService: EventsService,
    private readonly teams: TeamsService,
    private readonly cache: BoardCache,
    private readonly computer: BoardComputer,
    notifier: LeaderboardNotifier,
  ) {
    notifier.onChanged((eventId) => {
      this.changedAt.set(eventId, Date.now());
      // Slugs are the keys; an edit can change anything of the event, so forget them all (a reload is cheap).
      this.events.clear();
    });
  }

  async read(auth: AuthContext | undefined, slug: string, query: BoardQueryDto): Promise<BoardRead> {
    const event = await this.event(slug);
    return this.readView(event, await this.viewOf(auth, event, query.view), query);
  }

  /**
   * Which view the caller may read: organisers the live one (or the public one when they ask for it, to see what
   * everyone sees during a freeze), others the public one when they may see it (404 otherwise).
   */
  async viewOf(auth: AuthContext | undefined, event: EventEntity, wanted?: BoardView): Promise<BoardView> {
    const organiser = auth ? await this.eventsService.isOrganiser(auth, event) : false;
    if (!organiser && !(await this.visible(auth, event))) throw notFound(`the leaderboard of ${event.slug} is not public`);
    return organiser && wanted !== 'public' ? 'live' : 'public';
  }

  /**
   * A board of a view already granted (streams resolve it once, at connect): no query about the caller. `ownWrites`
   * false takes the stored board even when this instance changed the event since (a stream's push of the version just
   * announced: rebuilding here would race the worker on every push during a storm of solves).
   */
  async readView(event: EventEntity, view: BoardView, query: BoardQueryDto, ownWrites = true): Promise<BoardRead> {
    if (query.division !== undefined && !event.divisions.includes(query.division)) {
      throw new ArenaError(ErrorKind.Invalid, 'unknown-division', `division must be one of: ${event.divisions.join(', ') || '(this event has none)'}`);
    }
    const doc = await this.document(event, view, ownWrites);
    const { key, extra } = this.boardKey(event, doc, query, view === 'live');
    const rows = doc.boards[key] ?? [];
    return {
      view,
      version: doc.version,
      reusableUntil: this.reusableUntil(event),
      body: {
        eventId: event.id,
        frozen: doc.frozen,
        updatedAt: doc.updatedAt,
        total: rows.length,
        rows: rows.slice(query.offset, query.offset + query.limit),
        ...extra,
      },
    };
  }

  /** The cached document, rebuilt when missing (Redis flushed), changed here, or computed before the freeze began. */
  async document(event: EventEntity, view: BoardView, ownWrites = true): Promise<BoardDocument> {
    const cached = await this.cache.read(event.id, view);
    if (cached && (!ownWrites || this.fresh(event.id, cached)) && cached.frozen === this.computer.frozen(event)) return cached;
    return (await this.rebuild(event))[view];
  }

  /** A board computed (by the worker or here) after this instance's last change of the event. */
  private fresh(eventId: string, doc: BoardDocument): boolean {
    const changed = this.changedAt.get(eventId);
    return changed === undefined || Date.parse(doc.updatedAt) >= changed;
  }

  // Concurrent readers share one computation; a change made after it started waits for the next one.
  private async rebuild(event: EventEntity): Promise<Record<BoardView, BoardDocument>> {
    // A computation in flight serves when it started after this instance's last change of the event.
    const usable = () => (this.changedAt.get(event.id) ?? 0) <= (this.rebuildStarted.get(event.id) ?? 0);
    const pending = this.rebuilding.get(event.id);
    if (pending && usable()) return pending;
    if (pending) await pending.catch(() => undefined);
    const current = this.rebuilding.get(event.id);
    if (current && usable()) return current;
    this.rebuildStarted.set(event.id, Date.now());
    const next = (async () => {
      const version = await this.cache.nextVersion(event.id);
      const docs = await this.computer.compute(event);
      await this.cache.store(event.id, docs, version);
      return { live: { ...docs.live, version }, public: { ...docs.public, version } };
    })();
    this.rebuilding.set(event.id, next);
    void next
      .finally(() => {
        if (this.rebuilding.get(event.id) === next) this.rebuilding.delete(event.id);
      })
      .catch(() => undefined);
    return next;
  }

  /** Time alone changes what a read answers at the freeze and at the end (private boards, hidden standings). */
  reusableUntil(event: EventEntity): number {
    const now = Date.now();
    const boundaries = [event.freezeAt, event.endsAt].map((at) => at?.getTime() ?? Infinity).filter((at) => at > now);
    return Math.min(now + ANSWER_TTL_MS, ...boundaries);
  }

  /** The event by slug, from memory for a second (shared loads). */
  event(slug: string): Promise<EventEntity> {
    return this.events.get(slug, () => this.eventsService.getBySlug(slug));
  }

  /** Public boards need no query; others ask whether the caller takes part. */
  private visible(auth: AuthContext | undefined, event: EventEntity): Promise<boolean> {
    return event.leaderboardVisibility === LeaderboardVisibility.Public ? Promise.resolve(true) : this.teams.canSeeBoards(auth, event);
  }

  private boardKey(event: EventEntity, doc: BoardDocument, query: BoardQueryDto, organiser: boolean): { key: string; extra: Partial<BoardResponse> } {
    if (event.kind !== EventKind.Ai) return { key: query.division ? boardKeys.division(query.division) : boardKeys.all, extra: {} };
    const task = query.task ? doc.tasks.find((candidate) => candidate.id === query.task || candidate.name === query.task) : doc.tasks[0];
    if (!task) throw notFound(query.task ? `task ${query.task} not found` : `event ${event.slug} has no task yet`);
    const board = query.board ?? 'public';
    if (board === 'private' && !organiser && new Date() <= new Date(task.closesAt ?? event.endsAt)) {
      throw new ArenaError(ErrorKind.Forbidden, 'private-board-hidden', 'the private board is revealed when the event ends');
    }
    const key = query.division ? boardKeys.taskDivision(task.id, board, query.division) : boardKeys.task(task.id, board);
    return { key, extra: { taskId: task.id, board, tasks: doc.tasks.map(({ id, name }) => ({ id, name })), columns: scoreColumns(doc.boards[key] ?? [], task.scoreKey) } };
  }
}

/** The keys a board's rows carry besides the ranking key, sorted: the columns of a custom scorer's board. */
export function scoreColumns(rows: BoardRow[], scoreKey: string | null | undefined): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.scores ?? {})) if (key !== scoreKey) keys.add(key);
  return [...keys].sort();
}
