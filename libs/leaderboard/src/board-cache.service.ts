import { AppConfig } from '@arena/config';
import { LiveMessage, LivePublisher, REDIS } from '@arena/jobs';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { BoardDocument, BoardView } from './board-document';

type Listener = (version: number) => void;
type LiveListener = (message: LiveMessage) => void;

/**
 * Boards in Redis (the shared cache every api instance reads) and in this instance's memory, dropped when
 * the worker publishes a new version. One Redis subscription per instance fans out to every SSE client.
 */
@Injectable()
export class BoardCache implements OnApplicationShutdown {
  private readonly logger = new Logger(BoardCache.name);
  private readonly local = new Map<string, BoardDocument>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly liveListeners = new Map<string, Set<LiveListener>>();
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(eventId: string, view: BoardView): string {
    return `${this.config.BULLMQ_PREFIX}:board:${eventId}:${view}`;
  }

  private channel(eventId: string): string {
    return `${this.config.BULLMQ_PREFIX}:leaderboard:${eventId}`;
  }

  /** Stores both views under a new version and announces it. */
  async store(eventId: string, docs: Record<BoardView, Omit<BoardDocument, 'version'>>): Promise<number> {
    const version = await this.redis.incr(`${this.config.BULLMQ_PREFIX}:board-version:${eventId}`);
    await this.redis
      .multi()
      .set(this.key(eventId, 'live'), JSON.stringify({ ...docs.live, version }))
      .set(this.key(eventId, 'public'), JSON.stringify({ ...docs.public, version }))
      .publish(this.channel(eventId), String(version))
      .exec();
    this.dropLocal(eventId);
    return version;
  }

  async read(eventId: string, view: BoardView): Promise<BoardDocument | null> {
    const cacheKey = `${eventId}:${view}`;
    const cached = this.local.get(cacheKey);
    if (cached) return cached;
    const text = await this.redis.get(this.key(eventId, view));
    if (!text) return null;
    const doc = JSON.parse(text) as BoardDocument;
    // Keep it only while subscribed: otherwise nothing would tell this instance it went stale.
    if (this.subscriber) this.local.set(cacheKey, doc);
    return doc;
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
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    const prefix = `${this.config.BULLMQ_PREFIX}:leaderboard:`;
    const livePrefix = LivePublisher.channelPrefix(this.config.BULLMQ_PREFIX);
    subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
      if (channel.startsWith(livePrefix)) return this.relayLive(channel.slice(livePrefix.length), message);
      const eventId = channel.slice(prefix.length);
      this.dropLocal(eventId);
      for (const listener of this.listeners.get(eventId) ?? []) listener(Number(message));
    });
    // A reconnect may have missed announcements: forget everything kept locally.
    subscriber.on('ready', () => this.local.clear());
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
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
