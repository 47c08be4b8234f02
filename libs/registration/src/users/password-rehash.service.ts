import { Injectable, Logger } from '@nestjs/common';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/** Moves a stored hash to the current parameters once its password was verified (only then is the password known). */
@Injectable()
export class PasswordRehashService {
  private readonly logger = new Logger(PasswordRehashService.name);

  constructor(
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
  ) {}

  /** Never throws: a failed rehash leaves the old hash, which still verifies, for the next login to retry. */
  async rehashIfStale(user: UserEntity, verifiedPassword: string): Promise<void> {
    if (!this.hasher.needsRehash(user.passwordHash)) return;
    try {
      const fresh = await this.hasher.hash(verifiedPassword);
      if (await this.users.replaceHashOfSamePassword(user.id, user.passwordHash, fresh)) {
        user.passwordHash = fresh;
        this.logger.log(`password hash of user ${user.id} moved to the current parameters`);
      } else {
        this.logger.log(`password hash of user ${user.id} changed meanwhile: the rehash was dropped`);
      }
    } catch (error) {
      this.logger.error(`rehashing the password of user ${user.id} failed: ${(error as Error).message}`);
    }
  }
}
