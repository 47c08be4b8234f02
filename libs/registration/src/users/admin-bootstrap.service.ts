import { PlatformRole } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { PasswordRehashService } from './password-rehash.service';
import { UsersRepository } from './users.repository';

/**
 * ARENA_ADMIN_EMAIL + ARENA_ADMIN_PASSWORD create a platform admin when the api boots, or reset the password of the
 * admin that has the address. Anyone may have registered the address first: such an account is neither promoted nor
 * reset (the api still starts) unless ARENA_ADMIN_FORCE says the operator means to take it over.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly rehash: PasswordRehashService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.ARENA_ADMIN_EMAIL?.trim().toLowerCase();
    const password = this.config.ARENA_ADMIN_PASSWORD;
    if (!email || !password) return;
    // Every api process (and restart) boots with the same password: an unchanged one must not end the admin's sessions.
    const existing = await this.users.findByEmail(email);
    if (existing && (await this.isReady(existing, password))) return;
    const hash = await this.hasher.hash(password);
    if (await this.users.insertAdminUnlessEmailTaken(email, hash)) {
      this.logger.log(`platform admin ${email} created`);
      return;
    }
    const user = await this.users.findByEmail(email);
    if (!user) return;
    if (user.role !== PlatformRole.Admin && !this.config.ARENA_ADMIN_FORCE) {
      this.logger.error(
        `ARENA_ADMIN_EMAIL ${email} belongs to user ${user.id}, who is not an admin: refused to promote it or reset its password. ` +
          'Set ARENA_ADMIN_FORCE=true to take that account over (its sessions are revoked), or choose another address.',
      );
      return;
    }
    // Another process may have set this very password since the first read.
    if (await this.isReady(user, password)) return;
    await this.users.resetAdmin(user.id, hash);
    this.logger.warn(`platform admin ${email} (user ${user.id}) got the configured password; its sessions are revoked`);
  }

  /** True when the user is an admin with this password (whose hash is then moved to the current parameters). */
  private async isReady(user: UserEntity, password: string): Promise<boolean> {
    if (user.role !== PlatformRole.Admin || !(await this.hasher.verify(user.passwordHash, password))) return false;
    await this.rehash.rehashIfStale(user, password);
    this.logger.log(`platform admin ${user.email} is ready`);
    return true;
  }
}
