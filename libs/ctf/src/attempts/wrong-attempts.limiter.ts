import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { CtfError, CtfErrorCode } from '../ctf.errors';

const WINDOW_MS = 60_000;

/** Brute-force brake: wrong attempts per team and challenge per minute, counted in Redis (fixed window). */
@Injectable()
export class WrongAttemptsLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(teamId: string, challengeId: string): string {
    return `${this.config.BULLMQ_PREFIX}:ctf-wrong:${teamId}:${challengeId}`;
  }

  /**
   * Takes one wrong attempt from the team's budget, or throws 429 with the seconds left in the window.
   * Counting first (one atomic INCR) keeps concurrent guesses from all passing a read-then-write check.
   */
  async consume(teamId: string, challengeId: string, perMinute: number): Promise<void> {
    const key = this.key(teamId, challengeId);
    const results = (await this.redis.multi().incr(key).pexpire(key, WINDOW_MS, 'NX').pttl(key).exec()) as Array<[Error | null, number]>;
    const [[, count], , [, ttl]] = results;
    if (count > perMinute) {
      throw new CtfError(CtfErrorCode.TooManyAttempts, `too many wrong attempts: at most ${perMinute} a minute`, Math.max(1, Math.ceil(ttl / 1000)));
    }
  }
}
