import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import Redis from 'ioredis';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';

// Gives an attempt back only while its window lives: a DECR on an expired key would recreate it without a TTL.
const REFUND = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

/**
 * Counts failed logins per account and client address in Redis (a fixed window): guessing a password is slow, and
 * whoever knows a player's email can only slow their own address, never lock the player out. IPv6 addresses count
 * per /64 (one host usually holds the whole block). Each attempt takes a slot before its password is checked and gives it back when the password was right, so
 * concurrent guesses cannot overshoot the limit by all passing a check before any failure is counted.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(email: string, address: string): string {
    return `${this.config.BULLMQ_PREFIX}:login-failures:${email}:${normalizeIp(address)}`;
  }

  /** Takes an attempt from the budget of the account at this address; a 429 (with Retry-After) when it is spent. */
  async reserve(email: string, address: string): Promise<void> {
    const key = this.key(email, address);
    const [[, count], , [, ttl]] = (await this.redis
      .multi()
      .incr(key)
      .pexpire(key, this.config.LOGIN_FAILURE_WINDOW_SECONDS * 1000, 'NX')
      .pttl(key)
      .exec()) as [[unknown, number], [unknown, number], [unknown, number]];
    if (count > this.config.LOGIN_FAILURES_PER_ACCOUNT) {
      throw new RegistrationError(
        RegistrationErrorCode.TooManyLoginFailures,
        'too many failed logins for this account from this address; try again later',
        Math.max(1, Math.ceil(ttl / 1000)),
      );
    }
  }

  /** Gives back the attempt of a login whose password was right: only failures count. */
  async refund(email: string, address: string): Promise<void> {
    await this.redis.eval(REFUND, 1, this.key(email, address));
  }
}
