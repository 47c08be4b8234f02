import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

// KEYS: the hash; ARGV: now (ms). Drops the entries whose tokens have all expired, atomically (a revocation written
// meanwhile is kept).
const PRUNE = `
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  local expires = tonumber(string.match(fields[i + 1], ':(%d+)$'))
  if expires and expires < tonumber(ARGV[1]) then redis.call('HDEL', KEYS[1], fields[i]) end
end
return 1`;

interface Revocation {
  /** Tokens of a lower generation are refused. */
  generation: number;
  /** Epoch ms after which every token issued before the revocation has expired anyway. */
  until: number;
}

/**
 * Access tokens ended before they expire: when an admin disables a user or changes their role, the user's token
 * generation rises and tokens of an older one are refused. Checked on every authenticated request, so each api process
 * keeps the few recent revocations in memory (no database or Redis round trip per request), loaded from a Redis hash
 * at start and kept current by one subscription; an entry lives as long as an access token.
 */
@Injectable()
export class TokenRevocations implements OnApplicationShutdown {
  private readonly logger = new Logger(TokenRevocations.name);
  private readonly revoked = new Map<string, Revocation>();
  private readonly listeners = new Set<(userId: string) => void>();
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  // A hash (user id → `generation:until`) and a channel of the same name (`userId:generation:until`).
  private get key(): string {
    return `${this.config.BULLMQ_PREFIX}:auth:revoked`;
  }

  /** True when a token of this generation (absent in tokens older than the claim: 0) has been revoked. */
  isRevoked(userId: string, generation: number | undefined): boolean {
    const entry = this.revoked.get(userId);
    if (!entry) return false;
    if (Date.now() > entry.until) {
      this.revoked.delete(userId);
      return false;
    }
    return (generation ?? 0) < entry.generation;
  }

  /**
   * Calls `listener` with the user's id whenever a revocation reaches this process (its own, another process's message,
   * or a reload), so what outlives a request (SSE streams) can end at once; returns what unsubscribes it.
   */
  onRevoked(listener: (userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Refuses the user's tokens older than `generation`: at once in this process, within a Redis message in the others. */
  async revoke(userId: string, generation: number): Promise<void> {
    const until = Date.now() + this.config.JWT_ACCESS_TTL_SECONDS * 1000;
    this.remember(userId, generation, until);
    const value = `${generation}:${until}`;
    await this.redis.multi().hset(this.key, userId, value).publish(this.key, `${userId}:${value}`).exec();
  }

  /** Loads the revocations and follows new ones (the api calls it before listening; the worker checks no tokens). */
  async start(): Promise<void> {
    if (this.subscriber) return;
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false });
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => {
      const [userId, generation, until] = message.split(':');
      this.remember(userId, Number(generation), Number(until));
    });
    // A reconnect may have missed messages: read the hash again.
    subscriber.on('ready', () => void this.load().catch((error: Error) => this.logger.warn(`reloading token revocations failed: ${error.message}`)));
    await subscriber.subscribe(this.key);
    await this.load();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private async load(): Promise<void> {
    const stored = await this.redis.hgetall(this.key);
    const now = Date.now();
    let expired = false;
    for (const [userId, value] of Object.entries(stored)) {
      const [generation, until] = value.split(':').map(Number);
      if (until < now) expired = true;
      else this.remember(userId, generation, until);
    }
    if (expired) await this.redis.eval(PRUNE, 1, this.key, now);
  }

  private remember(userId: string, generation: number, until: number): void {
    if (!Number.isFinite(generation) || !Number.isFinite(until)) return;
    const known = this.revoked.get(userId);
    if (known && known.generation >= generation && known.until >= until) return;
    this.revoked.set(userId, { generation: Math.max(generation, known?.generation ?? 0), until: Math.max(until, known?.until ?? 0) });
    for (const listener of this.listeners) {
      try {
        listener(userId);
      } catch (error) {
        this.logger.warn(`a token revocation listener failed for user ${userId}: ${(error as Error).message}`);
      }
    }
  }
}
