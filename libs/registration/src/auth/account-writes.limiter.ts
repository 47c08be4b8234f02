import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';

// A token bucket in one atomic step, on the server's clock (api processes' clocks may differ): refill by the time
// since the last write, take a token if one is whole, answer 0 or the ms until one is. A refused write takes nothing.
const TAKE = `local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 1000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', string.format('%d', now))
redis.call('PEXPIRE', KEYS[1], string.format('%d', math.ceil(burst / perMs) + 1000))
return wait`;

/** The shared client once the bucket's script is defined on it (ioredis runs it by EVALSHA, loading it when missing). */
type BucketRedis = Redis & { arenaTakeWrite(key: string, burst: number, perSecond: number): Promise<number> };

/**
 * The per-account write budget: every POST, PUT, PATCH and DELETE of a signed-in account takes a token from its bucket
 * (WRITE_RATE_LIMIT_BURST, refilled at WRITE_RATE_LIMIT_PER_SECOND). Generous: only a flood meets it.
 */
@Injectable()
export class AccountWritesLimiter {
  private readonly redis: BucketRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
  ) {
    // One command, not a MULTI: the shared client's auto-pipelining sends a turn's writes in one round trip.
    redis.defineCommand('arenaTakeWrite', { numberOfKeys: 1, lua: TAKE });
    this.redis = redis as BucketRedis;
  }

  /** Takes one write from the account's bucket, or throws 429 with the seconds until a token is back. */
  async take(userId: string): Promise<void> {
    const key = `${this.config.BULLMQ_PREFIX}:writes:${userId}`;
    const waitMs = await this.redis.arenaTakeWrite(key, this.config.WRITE_RATE_LIMIT_BURST, this.config.WRITE_RATE_LIMIT_PER_SECOND);
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new RegistrationError(RegistrationErrorCode.TooManyWrites, `too many writes from this account: retry in ${seconds} s`, seconds);
    }
  }
}
