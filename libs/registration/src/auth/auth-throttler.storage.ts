import { AppConfig } from '@arena/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

// A fixed window that counts admitted requests only: a refused one neither counts nor extends anything, so a client
// that keeps retrying before Retry-After still gets a fresh budget when the window ends. Answers {hits, ms left, refused}.
const HIT = `local limit = tonumber(ARGV[2])
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
if hits >= limit and redis.call('PTTL', KEYS[1]) > 0 then return {hits, redis.call('PTTL', KEYS[1]), 1} end
hits = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1]), 0}`;

type HitRedis = Redis & { arenaAuthHit(key: string, windowMs: number, limit: number): Promise<[number, number, number]> };

/**
 * Redis storage of the /auth/* per-IP throttler (AUTH_RATE_LIMIT_PER_MINUTE per AUTH_RATE_LIMIT_WINDOW_SECONDS).
 * Replaces @nest-lab/throttler-storage-redis, which counted refused requests too: a client retrying during its block
 * filled the next window and was blocked again, for as long as it kept retrying.
 */
export class AuthThrottlerStorage implements ThrottlerStorage {
  private readonly redis: HitRedis;

  constructor(
    redis: Redis,
    private readonly config: AppConfig,
  ) {
    redis.defineCommand('arenaAuthHit', { numberOfKeys: 1, lua: HIT });
    this.redis = redis as HitRedis;
  }

  // The window is the throttler's ttl; the block lasts until the window ends, whatever blockDuration says.
  async increment(key: string, ttl: number, limit: number): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    const [hits, leftMs, refused] = await this.redis.arenaAuthHit(`${this.config.BULLMQ_PREFIX}:auth-rate:${key}`, ttl, limit);
    const seconds = Math.max(1, Math.ceil(leftMs / 1000));
    return { totalHits: hits, timeToExpire: seconds, isBlocked: refused === 1, timeToBlockExpire: refused === 1 ? seconds : 0 };
  }
}
