import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';

// Gives an attempt back only while its window lives: a DECR on an expired key would recreate it without a TTL.
const REFUND = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

/**
 * Counts failed logins per account in Redis (a fixed window), so guessing one password is slow from any number of IPs.
 * Each attempt takes a slot before its password is checked and gives it back when the password was right, so
 * concurrent guesses cannot overshoot the limit by all passing a check before any failure is counted.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(email: string): string {
    return `${this.config.BULLMQ_PREFIX}:login-failures:${email}`;
  }

  /** Takes an attempt from the account's budget; a 429 (with Retry-After) when the budget is spent. */
  async reserve(email: string): Promise<void> {
    const key = this.key(email);
    const [[, count], , [, ttl]] = (await this.redis
      .multi()
      .incr(key)
      .pexpire(key, this.config.LOGIN_FAILURE_WINDOW_SECONDS * 1000, 'NX')
      .pttl(key)
      .exec()) as [[unknown, number], [unknown, number], [unknown, number]];
    if (count > this.config.LOGIN_FAILURES_PER_ACCOUNT) {
      throw new RegistrationError(
        RegistrationErrorCode.TooManyLoginFailures,
        'too many failed logins for this account; try again later',
        Math.max(1, Math.ceil(ttl / 1000)),
      );
    }
  }

  /** Gives back the attempt of a login whose password was right: only failures count. */
  async refund(email: string): Promise<void> {
    await this.redis.eval(REFUND, 1, this.key(email));
  }
}
