import { LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { BoardCache } from './board-cache.service';

/** One anonymous answer of GET …/leaderboard, serialized once and sent as it is until its board changes. */
export interface BoardPage {
  eventId: string;
  etag: string;
  cacheControl: string;
  body: Buffer;
  /** Epoch ms after which the page is recomputed (a short bound, and never across the freeze or the end). */
  until: number;
}

/** Route config flag (`@RouteConfig`) of the route whose anonymous reads BoardPages may answer. */
export const BOARD_PAGE_ROUTE = 'boardPage';

const SUMMARY_MS = 60_000;

// Distinct URLs kept (offsets, filters); past this the oldest page goes first, so odd queries cannot grow memory.
const MAX_PAGES = 2000;

/**
 * The hot path of board reads: anonymous readers (projectors, thousands of browsers at the start) are answered from
 * serialized pages by URL, before Nest's guards, pipes and serializer run. A page is made by the normal handler on
 * its first read and dropped when the event's boards change (the worker's publish, or a change made here), so a
 * reader never gets an older board than the handler would give.
 */
@Injectable()
export class BoardPages implements OnModuleDestroy {
  private readonly logger = new Logger(BoardPages.name);
  private readonly pages = new Map<string, BoardPage>();
  // Reads answered from pages are not access-logged one by one (thousands a second): a line a minute counts them.
  private served = 0;
  private readonly summary = setInterval(() => this.logServed(), SUMMARY_MS).unref();

  constructor(
    private readonly cache: BoardCache,
    notifier: LeaderboardNotifier,
  ) {
    cache.onInvalidated((eventId) => (eventId === null ? this.pages.clear() : this.drop(eventId)));
    notifier.onChanged((eventId) => this.drop(eventId));
  }

  onModuleDestroy(): void {
    clearInterval(this.summary);
    this.logServed();
  }

  /** Whether a request may be answered from (and its answer kept as) a page: anonymous GETs. */
  static cacheable(request: FastifyRequest): boolean {
    return request.method === 'GET' && request.headers.authorization === undefined;
  }

  /** Keeps the answer for `url`; only while this instance hears every board change (otherwise it could go stale). */
  remember(url: string, page: BoardPage): void {
    if (!this.cache.subscribed || page.until <= Date.now()) return;
    this.pages.delete(url);
    if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(url, page);
  }

  /** Answers the request from its page (200, or 304 for a matching If-None-Match); false when there is none. */
  serve(request: FastifyRequest, reply: FastifyReply): boolean {
    if (!BoardPages.cacheable(request)) return false;
    const page = this.pages.get(request.url);
    if (!page) return false;
    if (page.until <= Date.now()) {
      this.pages.delete(request.url);
      return false;
    }
    this.served += 1;
    void reply.header('etag', page.etag).header('cache-control', page.cacheControl);
    if (request.headers['if-none-match'] === page.etag) {
      void reply.code(304).send();
    } else {
      void reply.header('content-type', 'application/json; charset=utf-8').send(page.body);
    }
    return true;
  }

  private logServed(): void {
    if (this.served === 0) return;
    this.logger.log(`answered ${this.served} anonymous board reads from memory in the last minute`);
    this.served = 0;
  }

  private drop(eventId: string): void {
    for (const [url, page] of this.pages) if (page.eventId === eventId) this.pages.delete(url);
  }
}
