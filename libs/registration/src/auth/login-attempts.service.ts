import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';

/** Counts failed logins per account in Redis (a fixed window), so guessing one password is slow from any number of IPs. */
@Injectable()
export class LoginAttemptsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(email: string): string {
    return `${this.config.BULLMQ_PREFIX}:login-failures:${email}`;
  }

  async assertAllowed(email: string): Promise<void> {
    const [[, count], [, ttl]] = (await this.redis.multi().get(this.key(email)).pttl(this.key(email)).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    if (Number(count ?? 0) >= this.config.LOGIN_FAILURES_PER_ACCOUNT) {
      const retryAfter = Math.max(1, Math.ceil(ttl / 1000));
      throw new RegistrationError(
        RegistrationErrorCode.TooManyLoginFailures,
        'too many failed logins for this account; try again later',
        retryAfter,
      );
    }
  }

  async recordFailure(email: string): Promise<void> {
    await this.redis
      .multi()
      .incr(this.key(email))
      .pexpire(this.key(email), this.config.LOGIN_FAILURE_WINDOW_SECONDS * 1000, 'NX')
      .exec();
  }
}
