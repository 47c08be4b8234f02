import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JudgeInvitationEntity } from './entities/judge-invitation.entity';

/** An account found by email, as an invitation needs it. */
export interface InvitedAccount {
  id: string;
  displayName: string;
  country: string;
}

/**
 * Serialises, per email, an invitation with the creation of an account: the users table's trigger
 * (claim_judge_invitations, migration JudgeInvitationClaim) takes the same lock before it claims the email's invitations,
 * so an invitation stored while the account is created is seen by one side or the other.
 */
async function lockAccountEmail(manager: EntityManager, email: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('account-email:' || $1, 0))`, [email]);
}

/** Pending judge invitations, keyed by the event and the (lower-cased) email. */
@Injectable()
export class JudgeInvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction holding the email's account lock, so an account created meanwhile is seen or sees the invitation. */
  withEmailLock<T>(email: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await lockAccountEmail(manager, email);
      return work(manager);
    });
  }

  async accountByEmail(manager: EntityManager, email: string): Promise<InvitedAccount | null> {
    const rows: Array<{ id: string; display_name: string; country: string }> = await manager.query('SELECT id, display_name, country FROM users WHERE email = $1', [email]);
    return rows[0] ? { id: rows[0].id, displayName: rows[0].display_name, country: rows[0].country } : null;
  }

  /** Creates the invitation, or replaces the tracks of the one already pending for that email. */
  async upsert(manager: EntityManager, invitation: Pick<JudgeInvitationEntity, 'eventId' | 'email' | 'tracks' | 'invitedBy'>): Promise<JudgeInvitationEntity> {
    await manager.createQueryBuilder().insert().into(JudgeInvitationEntity).values(invitation).orUpdate(['tracks', 'invited_by'], ['event_id', 'email']).execute();
    return manager.findOneByOrFail(JudgeInvitationEntity, { eventId: invitation.eventId, email: invitation.email });
  }

  forEvent(eventId: string): Promise<JudgeInvitationEntity[]> {
    return this.dataSource.getRepository(JudgeInvitationEntity).find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** False when the event has no such invitation (another event's id included). */
  async remove(eventId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(JudgeInvitationEntity).delete({ eventId, id });
    return (result.affected ?? 0) > 0;
  }
}
