import { AppConfig } from '@arena/config';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { ConcurrencyLimiter, LimiterFullError } from './concurrency.limiter';

/**
 * argon2id at the configured memory and passes (OWASP's recommended 19 MiB and 2 by default), parallelism 1. Hashes
 * made with other parameters are rehashed at login.
 */
export const passwordHashOptions = (config: Pick<AppConfig, 'PASSWORD_HASH_MEMORY_KIB' | 'PASSWORD_HASH_TIME_COST'>) =>
  ({ type: argon2.argon2id, memoryCost: config.PASSWORD_HASH_MEMORY_KIB, timeCost: config.PASSWORD_HASH_TIME_COST, parallelism: 1 }) as const;

const ARGON2ID = '$argon2id$';

// A full queue drains within a few seconds at the default sizes; a second is a fair first retry.
const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * Hashes and checks passwords, at most PASSWORD_HASH_CONCURRENCY at once per process: argon2 runs on libuv's
 * threadpool, and a sign-in storm would otherwise take every core from the requests the api serves meanwhile. At most
 * PASSWORD_HASH_QUEUE more wait; past that, a RegistrationError `busy` (503) is thrown before any work is done.
 */
@Injectable()
export class PasswordHasher {
  private readonly lanes: ConcurrencyLimiter;
  private readonly options: ReturnType<typeof passwordHashOptions>;

  constructor(config: AppConfig) {
    this.lanes = new ConcurrencyLimiter(config.PASSWORD_HASH_CONCURRENCY, config.PASSWORD_HASH_QUEUE);
    this.options = passwordHashOptions(config);
  }

  hash(password: string): Promise<string> {
    return this.inLane(() => argon2.hash(password, this.options));
  }

  /** False for a wrong password or a malformed hash; throws `busy` when the queue is full (nothing was checked). */
  verify(hash: string, password: string): Promise<boolean> {
    return this.inLane(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  /** True when the hash was made with other parameters (or another argon2 variant) than the configured ones. */
  needsRehash(hash: string): boolean {
    try {
      return !hash.startsWith(ARGON2ID) || argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }

  private async inLane<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.lanes.run(task);
    } catch (error) {
      if (!(error instanceof LimiterFullError)) throw error;
      throw new RegistrationError(RegistrationErrorCode.Busy, 'too many password checks are waiting; try again shortly', BUSY_RETRY_AFTER_SECONDS);
    }
  }
}
