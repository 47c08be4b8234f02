import { AppConfig } from '@arena/config';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/** ARENA_ADMIN_EMAIL + ARENA_ADMIN_PASSWORD create (or reset) a platform admin when the api boots. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.ARENA_ADMIN_EMAIL?.trim().toLowerCase();
    const password = this.config.ARENA_ADMIN_PASSWORD;
    if (!email || !password) return;
    await this.users.upsertAdmin(email, await this.hasher.hash(password));
    this.logger.log(`platform admin ${email} is ready`);
  }
}
