import { ArenaError, AuthContext, ErrorKind } from '@arena/common';
import { HistoryQueryDto, RecentSolvesQueryDto } from '@arena/ctf';
import { EventEntity, EventKind } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { BoardCache, StoredFeeds } from './board-cache.service';
import { BoardComputer } from './board-computer.service';
import { boardKeys, BoardView } from './board-document';
import { LeaderboardService } from './leaderboard.service';

/** One cached answer (a board page or a feed), ready to send (see LeaderboardController.send). */
export interface CachedAnswer {
  eventId: string;
  view: BoardView;
  etag: string;
  body: Buffer;
  reusableUntil: number;
}

/**
 * The CTFtime feed and the score graphs, read like the boards: from the feeds the worker computes with each board
 * version (memory, then Redis), under the same views (organisers live, everyone else frozen during the freeze).
 * A read never queries the standings; only an empty cache (Redis flushed) is filled here, once per event at a time.
 */
@Injectable()
export class BoardFeeds {
  private readonly rebuilding = new Map<string, Promise<Record<BoardView, StoredFeeds>>>();

  constructor(
    private readonly boards: LeaderboardService,
    private readonly cache: BoardCache,
    private readonly computer: BoardComputer,
  ) {}

  async ctftime(auth: AuthContext | undefined, slug: string): Promise<CachedAnswer> {
    const { event, view, feeds } = await this.load(auth, slug);
    return { eventId: event.id, view, etag: `W/"ctftime-${feeds.version}-${view}"`, body: feeds.ctftime, reusableUntil: this.boards.reusableUntil(event) };
  }

  async history(auth: AuthContext | undefined, slug: string, query: HistoryQueryDto): Promise<CachedAnswer> {
    const { event, view, feeds } = await this.load(auth, slug);
    // An unknown division has no graph (as before: an empty list).
    const graph = feeds.history[query.division === undefined ? boardKeys.all : boardKeys.division(query.division)] ?? [];
    return {
      eventId: event.id,
      view,
      etag: `W/"history-${feeds.version}-${view}-${query.top}-${query.division ?? ''}"`,
      body: Buffer.from(JSON.stringify(graph.slice(0, query.top))),
      reusableUntil: this.boards.reusableUntil(event),
    };
  }

  /** The ticker's latest solves (public view: before the freeze; never hidden or banned teams, nor hidden challenges). */
  async solves(auth: AuthContext | undefined, slug: string, query: RecentSolvesQueryDto): Promise<CachedAnswer> {
    const { event, view, feeds } = await this.load(auth, slug);
    return {
      eventId: event.id,
      view,
      etag: `W/"solves-${feeds.version}-${view}-${query.limit}"`,
      body: Buffer.from(JSON.stringify(feeds.solves.slice(0, query.limit))),
      reusableUntil: this.boards.reusableUntil(event),
    };
  }

  private async load(auth: AuthContext | undefined, slug: string): Promise<{ event: EventEntity; view: BoardView; feeds: StoredFeeds }> {
    const event = await this.boards.event(slug);
    if (event.kind !== EventKind.Ctf) throw new ArenaError(ErrorKind.NotFound, 'not-a-ctf', `event ${slug} is not a CTF`);
    const view = await this.boards.viewOf(auth, event);
    const feeds = (await this.cache.readFeeds(event.id, view)) ?? (await this.rebuild(event))[view];
    return { event, view, feeds };
  }

  /** Only when no feeds are stored at all: computed here once (shared by concurrent readers) and stored for all. */
  private rebuild(event: EventEntity): Promise<Record<BoardView, StoredFeeds>> {
    const pending = this.rebuilding.get(event.id);
    if (pending) return pending;
    const next = (async () => {
      const version = await this.cache.nextVersion(event.id);
      const texts = await (await this.computer.computeWithFeeds(event)).feeds?.();
      if (!texts) throw new ArenaError(ErrorKind.NotFound, 'not-a-ctf', `event ${event.slug} is not a CTF`);
      await this.cache.storeFeeds(event.id, texts, version);
      const parse = (view: BoardView): StoredFeeds => ({
        version,
        ctftime: Buffer.from(texts[view].ctftime),
        history: JSON.parse(texts[view].history) as StoredFeeds['history'],
        solves: JSON.parse(texts[view].solves) as StoredFeeds['solves'],
      });
      return { live: parse('live'), public: parse('public') };
    })();
    this.rebuilding.set(event.id, next);
    void next.finally(() => this.rebuilding.delete(event.id)).catch(() => undefined);
    return next;
  }
}
