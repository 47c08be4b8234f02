import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import Redis from 'ioredis';
import { TeamsError, TeamsErrorCode } from './teams.errors';

/** Wrong invite codes one client address may look up per window before 429 (codes carry 96 random bits). */
export const INVITE_MISSES_PER_WINDOW = 20;
export const INVITE_MISS_WINDOW_SECONDS = 600;

// Gives a lookup back only while its window lives: a DECR on an expired key would recreate it without a TTL.
const REFUND = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

/**
 * Counts invite lookups that found nothing, per client address (IPv6 per /64), in a fixed Redis window. Each lookup
 * takes a slot before the search and gives it back when the code was right, so concurrent guesses cannot overshoot.
 * A spent budget refuses right codes too, or the refusal itself would tell a right guess.
 */
@Injectable()
export class InviteLookupsLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(address: string): string {
    return `${this.config.BULLMQ_PREFIX}:invite-misses:${normalizeIp(address)}`;
  }

  async reserve(address: string): Promise<void> {
    const key = this.key(address);
    const [[, count], , [, ttl]] = (await this.redis
      .multi()
      .incr(key)
      .pexpire(key, INVITE_MISS_WINDOW_SECONDS * 1000, 'NX')
      .pttl(key)
      .exec()) as [[unknown, number], [unknown, number], [unknown, number]];
    if (count > INVITE_MISSES_PER_WINDOW) {
      throw new TeamsError(TeamsErrorCode.TooManyInviteMisses, 'too many unknown invite codes from this address; try again later', Math.max(1, Math.ceil(ttl / 1000)));
    }
  }

  async refund(address: string): Promise<void> {
    await this.redis.eval(REFUND, 1, this.key(address));
  }
}
