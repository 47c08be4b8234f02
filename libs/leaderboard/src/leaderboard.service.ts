import { ArenaError, AuthContext, ErrorKind } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
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
}

export interface BoardRead {
  body: BoardResponse;
  version: number;
  view: BoardView;
}

// Event definitions change rarely; reads within this window skip the database.
const EVENT_TTL_MS = 1000;

const notFound = (message: string) => new ArenaError(ErrorKind.NotFound, 'leaderboard-not-found', message);

/** Reads boards from the cache (memory, then Redis); an empty or stale cache is rebuilt from PostgreSQL. */
@Injectable()
export class LeaderboardService {
  private readonly events = new Map<string, { event: EventEntity; until: number }>();
  // Events this instance changed since it last computed them: its next read rebuilds them (read-your-writes).
  private readonly dirty = new Set<string>();
  private readonly rebuilding = new Map<string, Promise<Record<BoardView, BoardDocument>>>();

  constructor(
    private readonly eventsService: EventsService,
    private readonly teams: TeamsService,
    private readonly cache: BoardCache,
    private readonly computer: BoardComputer,
    notifier: LeaderboardNotifier,
  ) {
    notifier.onChanged((eventId) => {
      this.dirty.add(eventId);
      for (const [slug, entry] of this.events) if (entry.event.id === eventId) this.events.delete(slug);
    });
  }

  async read(auth: AuthContext | undefined, slug: string, query: BoardQueryDto): Promise<BoardRead> {
    const event = await this.event(slug);
    if (query.division !== undefined && !event.divisions.includes(query.division)) {
      throw new ArenaError(ErrorKind.Invalid, 'unknown-division', `division must be one of: ${event.divisions.join(', ') || '(this event has none)'}`);
    }
    const organiser = auth ? await this.eventsService.isOrganiser(auth, event) : false;
    if (!organiser && !(await this.visible(auth, event))) throw notFound(`the leaderboard of ${slug} is not public`);
    const view: BoardView = organiser ? 'live' : 'public';
    const doc = await this.document(event, view);
    const { key, extra } = this.boardKey(event, doc, query, organiser);
    const rows = doc.boards[key] ?? [];
    return {
      view,
      version: doc.version,
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
  async document(event: EventEntity, view: BoardView): Promise<BoardDocument> {
    if (!this.dirty.has(event.id)) {
      const cached = await this.cache.read(event.id, view);
      if (cached && cached.frozen === this.computer.frozen(event)) return cached;
    }
    return (await this.rebuild(event))[view];
  }

  // Concurrent readers share one computation; a change made after it started waits for the next one.
  private async rebuild(event: EventEntity): Promise<Record<BoardView, BoardDocument>> {
    const pending = this.rebuilding.get(event.id);
    if (pending && !this.dirty.has(event.id)) return pending;
    if (pending) await pending.catch(() => undefined);
    const current = this.rebuilding.get(event.id);
    if (current && !this.dirty.has(event.id)) return current;
    this.dirty.delete(event.id);
    const next = (async () => {
      const docs = await this.computer.compute(event);
      const version = await this.cache.store(event.id, docs);
      return { live: { ...docs.live, version }, public: { ...docs.public, version } };
    })();
    this.rebuilding.set(event.id, next);
    void next.finally(() => {
      if (this.rebuilding.get(event.id) === next) this.rebuilding.delete(event.id);
    }).catch(() => undefined);
    return next;
  }

  async event(slug: string): Promise<EventEntity> {
    const hit = this.events.get(slug);
    if (hit && hit.until > Date.now()) return hit.event;
    const event = await this.eventsService.getBySlug(slug);
    this.events.set(slug, { event, until: Date.now() + EVENT_TTL_MS });
    return event;
  }

  /** Public boards need no query; others ask whether the caller takes part. */
  private visible(auth: AuthContext | undefined, event: EventEntity): Promise<boolean> {
    return event.leaderboardVisibility === 'public' ? Promise.resolve(true) : this.teams.canSeeBoards(auth, event);
  }

  private boardKey(event: EventEntity, doc: BoardDocument, query: BoardQueryDto, organiser: boolean): { key: string; extra: Partial<BoardResponse> } {
    if (event.kind !== EventKind.Ai) return { key: query.division ? boardKeys.division(query.division) : boardKeys.all, extra: {} };
    const task = query.task ? doc.tasks.find((candidate) => candidate.id === query.task || candidate.name === query.task) : doc.tasks[0];
    if (!task) throw notFound(query.task ? `task ${query.task} not found` : `event ${event.slug} has no task yet`);
    const board = query.board ?? 'public';
    if (board === 'private' && !organiser && new Date() <= new Date(task.closesAt ?? event.endsAt)) {
      throw new ArenaError(ErrorKind.Forbidden, 'private-board-hidden', 'the private board is revealed when the event ends');
    }
    return { key: boardKeys.task(task.id, board), extra: { taskId: task.id, board } };
  }
}
