import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { CtfError, CtfErrorCode } from '../ctf.errors';

const WINDOW_MS = 60_000;

// One atomic step: count the attempt, start the window on the first one, answer the count and the window's ms left.
const TAKE = `local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1], 'NX')
return {count, redis.call('PTTL', KEYS[1])}`;

/** The shared client once the brake's script is defined on it (ioredis runs it by EVALSHA, loading it when missing). */
type BrakeRedis = Redis & { arenaTakeWrongAttempt(key: string, windowMs: number): Promise<[number, number]> };

/** Brute-force brake: wrong attempts per team and challenge per minute, counted in Redis (fixed window). */
@Injectable()
export class WrongAttemptsLimiter {
  private readonly redis: BrakeRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
  ) {
    // One command, not a MULTI, so the shared client's auto-pipelining sends all the brakes of a turn in one write.
    redis.defineCommand('arenaTakeWrongAttempt', { numberOfKeys: 1, lua: TAKE });
    this.redis = redis as BrakeRedis;
  }

  private key(teamId: string, challengeId: string): string {
    return `${this.config.BULLMQ_PREFIX}:ctf-wrong:${teamId}:${challengeId}`;
  }

  /**
   * Takes one wrong attempt from the team's budget, or throws 429 with the seconds left in the window.
   * Counting first (one atomic INCR) keeps concurrent guesses from all passing a read-then-write check.
   */
  async consume(teamId: string, challengeId: string, perMinute: number): Promise<void> {
    const [count, ttl] = await this.redis.arenaTakeWrongAttempt(this.key(teamId, challengeId), WINDOW_MS);
    if (count > perMinute) {
      throw new CtfError(CtfErrorCode.TooManyAttempts, `too many wrong attempts: at most ${perMinute} a minute`, Math.max(1, Math.ceil(ttl / 1000)));
    }
  }
}
