import { AppConfig } from '@arena/config';
import { LiveMessage, LivePublisher, REDIS } from '@arena/jobs';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { RecentSolveDto, TeamHistoryDto } from '@arena/ctf';
import { BoardDocument, BoardFeedTexts, BoardView } from './board-document';

type Listener = (version: number) => void;
type LiveListener = (message: LiveMessage) => void;
/** Called with the event whose boards changed, or null when everything kept locally was forgotten. */
type InvalidationListener = (eventId: string | null) => void;

// KEYS: live board, public board, version stored; ARGV: version, live JSON, public JSON ('' when the same), channel.
const STORE_IF_NEWER = `
if tonumber(ARGV[1]) <= tonumber(redis.call('GET', KEYS[3]) or '0') then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3] == '' and ARGV[2] or ARGV[3])
redis.call('SET', KEYS[3], ARGV[1])
redis.call('PUBLISH', ARGV[4], ARGV[1])
return 1`;

// KEYS: live feeds, public feeds (hashes); ARGV: version, live ctftime, live history, public ones ('' when the same),
// channel, live solves, public solves ('' when the same).
const STORE_FEEDS_IF_NEWER = `
if tonumber(ARGV[1]) <= tonumber(redis.call('HGET', KEYS[1], 'version') or '0') then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'ctftime', ARGV[2], 'history', ARGV[3], 'solves', ARGV[7])
if ARGV[4] == '' then redis.call('HSET', KEYS[2], 'version', ARGV[1], 'ctftime', ARGV[2], 'history', ARGV[3], 'solves', ARGV[7])
else redis.call('HSET', KEYS[2], 'version', ARGV[1], 'ctftime', ARGV[4], 'history', ARGV[5], 'solves', ARGV[8]) end
redis.call('PUBLISH', ARGV[6], 'feeds:' .. ARGV[1])
return 1`;

/** The feeds of one view as an api instance keeps them: the CTFtime feed ready to send, the score graphs parsed. */
export interface StoredFeeds {
  version: number;
  ctftime: Buffer;
  history: Record<string, TeamHistoryDto[]>;
  /** The latest solves, newest first, parsed (the ticker's `?limit=` slices them). */
  solves: RecentSolveDto[];
}

/**
 * Boards in Redis (the shared cache every api instance reads) and in this instance's memory, dropped when
 * the worker publishes a new version. One Redis subscription per instance fans out to every SSE client.
 */
@Injectable()
export class BoardCache implements OnApplicationShutdown {
  private readonly logger = new Logger(BoardCache.name);
  // Loads in flight are shared: a thousand stream clients woken by one announcement fetch the board once.
  private readonly local = new Map<string, Promise<BoardDocument | null>>();
  private readonly localFeeds = new Map<string, Promise<StoredFeeds | null>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly liveListeners = new Map<string, Set<LiveListener>>();
  private readonly invalidationListeners = new Set<InvalidationListener>();
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(eventId: string, view: BoardView): string {
    return `${this.config.BULLMQ_PREFIX}:board:${eventId}:${view}`;
  }

  private feedsKey(eventId: string, view: BoardView): string {
    return `${this.key(eventId, view)}:feeds`;
  }

  private channel(eventId: string): string {
    return `${this.config.BULLMQ_PREFIX}:leaderboard:${eventId}`;
  }

  /**
   * The version of a computation about to start (taken before it reads PostgreSQL). Versions are SSE ids and ETags:
   * when Redis loses the counter (flushed, restarted) it restarts from the clock (ms), far above any count of
   * recomputes, so ids keep rising and a resuming client never mistakes a new board for one it has.
   */
  async nextVersion(eventId: string): Promise<number> {
    const key = `${this.config.BULLMQ_PREFIX}:board-version:${eventId}`;
    const replies = await this.redis.multi().set(key, Date.now(), 'NX').incr(key).exec();
    const version = Number(replies?.[1]?.[1]);
    if (!Number.isSafeInteger(version)) throw new Error(`no board version for event ${eventId}: ${String(replies?.[1]?.[0])}`);
    return version;
  }

  /**
   * Stores both views and announces them, unless a computation that started later (a higher version) stored first:
   * two recomputes may overlap (worker concurrency, an api rebuild), and the older one must not win by finishing last.
   */
  async store(eventId: string, docs: Record<BoardView, Omit<BoardDocument, 'version'>>, version: number): Promise<boolean> {
    // Stored without the view (the key names it): unfrozen, both views are one text, serialized and sent once.
    const text = ({ view: _view, ...doc }: Omit<BoardDocument, 'version'>) => JSON.stringify({ ...doc, version });
    const live = text(docs.live);
    const same = (Object.keys(docs.live) as Array<keyof typeof docs.live>).every((key) => key === 'view' || docs.live[key] === docs.public[key]);
    const stored = await this.redis.eval(
      STORE_IF_NEWER,
      3,
      this.key(eventId, 'live'),
      this.key(eventId, 'public'),
      `${this.config.BULLMQ_PREFIX}:board:${eventId}:stored`,
      String(version),
      live,
      same ? '' : text(docs.public),
      this.channel(eventId),
    );
    if (stored !== 1) return false;
    this.dropLocal(eventId);
    return true;
  }

  /** Stores both views' feeds and announces them (`feeds:<version>`), unless newer ones are stored. */
  async storeFeeds(eventId: string, feeds: Record<BoardView, BoardFeedTexts>, version: number): Promise<boolean> {
    const same = feeds.live === feeds.public;
    const stored = await this.redis.eval(
      STORE_FEEDS_IF_NEWER,
      2,
      this.feedsKey(eventId, 'live'),
      this.feedsKey(eventId, 'public'),
      String(version),
      feeds.live.ctftime,
      feeds.live.history,
      same ? '' : feeds.public.ctftime,
      same ? '' : feeds.public.history,
      this.channel(eventId),
      feeds.live.solves,
      same ? '' : feeds.public.solves,
    );
    if (stored !== 1) return false;
    this.dropFeeds(eventId);
    return true;
  }

  /** The latest feeds of a view (they follow the boards by one computation at most), or null when none are stored. */
  readFeeds(eventId: string, view: BoardView): Promise<StoredFeeds | null> {
    const cacheKey = `${eventId}:${view}`;
    const cached = this.localFeeds.get(cacheKey);
    if (cached) return cached;
    // Feeds stored before the ticker existed have no solves: an empty list until the next computation.
    const load = this.redis.hmgetBuffer(this.feedsKey(eventId, view), 'version', 'ctftime', 'history', 'solves').then(([version, ctftime, history, solves]) =>
      version && ctftime && history
        ? {
            version: Number(version.toString()),
            ctftime,
            history: JSON.parse(history.toString()) as StoredFeeds['history'],
            solves: solves ? (JSON.parse(solves.toString()) as RecentSolveDto[]) : [],
          }
        : null,
    );
    return this.keepWhileSubscribed(this.localFeeds, cacheKey, load);
  }

  read(eventId: string, view: BoardView): Promise<BoardDocument | null> {
    const cacheKey = `${eventId}:${view}`;
    const cached = this.local.get(cacheKey);
    if (cached) return cached;
    const load = this.redis.get(this.key(eventId, view)).then((text) => (text ? { ...(JSON.parse(text) as Omit<BoardDocument, 'view'>), view } : null));
    return this.keepWhileSubscribed(this.local, cacheKey, load);
  }

  // Kept only while subscribed (otherwise nothing would tell this instance it went stale), and never a miss.
  private keepWhileSubscribed<T>(local: Map<string, Promise<T | null>>, cacheKey: string, load: Promise<T | null>): Promise<T | null> {
    if (this.subscriber) {
      local.set(cacheKey, load);
      load.then(
        (value) => value === null && local.get(cacheKey) === load && local.delete(cacheKey),
        () => local.get(cacheKey) === load && local.delete(cacheKey),
      );
    }
    return load;
  }

  /** True once this instance hears every new board: only then may it keep copies in memory. */
  get subscribed(): boolean {
    return this.subscriber !== null;
  }

  /** Lets copies derived from the boards (serialized pages) be dropped with them. */
  onInvalidated(listener: InvalidationListener): void {
    this.invalidationListeners.add(listener);
  }

  /** Calls `listener` with each new version of the event's boards until the returned function is called. */
  async subscribe(eventId: string, listener: Listener): Promise<() => void> {
    await this.ensureSubscribed();
    const set = this.listeners.get(eventId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(eventId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(eventId);
    };
  }

  /** Calls `listener` with the event's announcements and submission updates until the returned function is called. */
  async subscribeLive(eventId: string, listener: LiveListener): Promise<() => void> {
    await this.ensureSubscribed();
    const set = this.liveListeners.get(eventId) ?? new Set<LiveListener>();
    set.add(listener);
    this.liveListeners.set(eventId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.liveListeners.delete(eventId);
    };
  }

  /** Subscribes this instance (api) to every event's announcements; from then on boards are kept in memory. */
  async ensureSubscribed(): Promise<void> {
    if (this.subscriber) return;
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false });
    this.subscriber = subscriber;
    const prefix = `${this.config.BULLMQ_PREFIX}:leaderboard:`;
    const livePrefix = LivePublisher.channelPrefix(this.config.BULLMQ_PREFIX);
    subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
      if (channel.startsWith(livePrefix)) return this.relayLive(channel.slice(livePrefix.length), message);
      const eventId = channel.slice(prefix.length);
      // New feeds change no board: the boards kept here stay, and stream clients are not woken.
      if (message.startsWith('feeds:')) return this.dropFeeds(eventId);
      this.dropLocal(eventId);
      for (const listener of this.listeners.get(eventId) ?? []) listener(Number(message));
    });
    // A reconnect may have missed announcements: forget everything kept locally.
    subscriber.on('ready', () => {
      this.local.clear();
      this.localFeeds.clear();
      for (const listener of this.invalidationListeners) listener(null);
    });
    await subscriber.psubscribe(`${prefix}*`, `${livePrefix}*`);
    this.logger.log('subscribed to leaderboard announcements');
  }

  private relayLive(eventId: string, text: string): void {
    const listeners = this.liveListeners.get(eventId);
    if (!listeners) return;
    let message: LiveMessage;
    try {
      message = JSON.parse(text) as LiveMessage;
    } catch {
      return;
    }
    for (const listener of listeners) listener(message);
  }

  private dropLocal(eventId: string): void {
    this.local.delete(`${eventId}:live`);
    this.local.delete(`${eventId}:public`);
    for (const listener of this.invalidationListeners) listener(eventId);
  }

  private dropFeeds(eventId: string): void {
    this.localFeeds.delete(`${eventId}:live`);
    this.localFeeds.delete(`${eventId}:public`);
    for (const listener of this.invalidationListeners) listener(eventId);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
