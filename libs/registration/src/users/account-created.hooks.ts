import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity';

/** Work another context does when an account is created, in the transaction that inserts it. */
export type AccountCreatedHook = (manager: EntityManager, user: UserEntity) => Promise<void>;

/**
 * Lets contexts that depend on registration act on new accounts (a pending judge invitation becomes a judge role)
 * without registration depending on them: they register a hook at module init.
 */
@Injectable()
export class AccountCreatedHooks {
  private readonly hooks: AccountCreatedHook[] = [];

  register(hook: AccountCreatedHook): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, user: UserEntity): Promise<void> {
    for (const hook of this.hooks) await hook(manager, user);
  }
}

/**
 * Serialises, per email, the creation of an account with whatever waits for that email (invitations): both sides
 * take this lock in their transaction, so an invitation stored while the account is being created is seen by one of them.
 */
export async function lockAccountEmail(manager: EntityManager, email: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('account-email:' || $1, 0))`, [email]);
}
