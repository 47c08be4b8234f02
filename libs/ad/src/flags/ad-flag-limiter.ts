import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';

/** Flags per team per second (one-second windows in Redis, shared by every api process and by HTTP and TCP). */
@Injectable()
export class AdFlagLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Counts `flags` against the team's window; false when that goes past the limit (the flags are refused). */
  async take(teamId: string, flags: number): Promise<boolean> {
    const second = Math.floor(Date.now() / 1000);
    const key = `${this.config.BULLMQ_PREFIX}:ad-flags:${teamId}:${second}`;
    const [[, count]] = (await this.redis.multi().incrby(key, flags).expire(key, 2).exec()) as [[null, number], unknown];
    return count <= this.config.AD_FLAGS_PER_SECOND;
  }
}
