import { AppConfig } from '@arena/config';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { ConcurrencyLimiter, LimiterFullError } from './concurrency.limiter';

/** argon2id at OWASP's recommended parameters: 19 MiB, 2 passes, parallelism 1. Older hashes are rehashed at login. */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

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

  constructor(config: AppConfig) {
    this.lanes = new ConcurrencyLimiter(config.PASSWORD_HASH_CONCURRENCY, config.PASSWORD_HASH_QUEUE);
  }

  hash(password: string): Promise<string> {
    return this.inLane(() => argon2.hash(password, PASSWORD_HASH_OPTIONS));
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

  /** True when the hash was made with other parameters (or another argon2 variant) than PASSWORD_HASH_OPTIONS. */
  needsRehash(hash: string): boolean {
    try {
      return !hash.startsWith(ARGON2ID) || argon2.needsRehash(hash, PASSWORD_HASH_OPTIONS);
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
