import { AppConfig } from '@arena/config';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ConcurrencyLimiter } from './concurrency.limiter';

/** argon2id at OWASP's recommended parameters: 19 MiB, 2 passes, parallelism 1. Older hashes are rehashed at login. */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const ARGON2ID = '$argon2id$';

/**
 * Hashes and checks passwords, at most PASSWORD_HASH_CONCURRENCY at once per process: argon2 runs on libuv's
 * threadpool, and a sign-in storm would otherwise take every core from the requests the api serves meanwhile.
 */
@Injectable()
export class PasswordHasher {
  private readonly lanes: ConcurrencyLimiter;

  constructor(config: AppConfig) {
    this.lanes = new ConcurrencyLimiter(config.PASSWORD_HASH_CONCURRENCY);
  }

  hash(password: string): Promise<string> {
    return this.lanes.run(() => argon2.hash(password, PASSWORD_HASH_OPTIONS));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.lanes.run(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }

  /** True when the hash was made with other parameters (or another argon2 variant) than PASSWORD_HASH_OPTIONS. */
  needsRehash(hash: string): boolean {
    try {
      return !hash.startsWith(ARGON2ID) || argon2.needsRehash(hash, PASSWORD_HASH_OPTIONS);
    } catch {
      return true;
    }
  }
}
