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

/** Pending judge invitations, keyed by the event and the (lower-cased) email; each claimable once with its code. */
@Injectable()
export class JudgeInvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async accountByEmail(manager: EntityManager, email: string): Promise<InvitedAccount | null> {
    const rows: Array<{ id: string; display_name: string; country: string }> = await manager.query('SELECT id, display_name, country FROM users WHERE email = $1', [email]);
    return rows[0] ? { id: rows[0].id, displayName: rows[0].display_name, country: rows[0].country } : null;
  }

  async accountById(manager: EntityManager, id: string): Promise<(InvitedAccount & { email: string }) | null> {
    const rows: Array<{ id: string; email: string; display_name: string; country: string }> = await manager.query(
      'SELECT id, email, display_name, country FROM users WHERE id = $1',
      [id],
    );
    return rows[0] ? { id: rows[0].id, email: rows[0].email, displayName: rows[0].display_name, country: rows[0].country } : null;
  }

  /** Creates the invitation, or replaces the tracks and the code of the one already pending for that email (the old code stops working). */
  async upsert(manager: EntityManager, invitation: Pick<JudgeInvitationEntity, 'eventId' | 'email' | 'tracks' | 'invitedBy' | 'codeHash'>): Promise<JudgeInvitationEntity> {
    await manager.createQueryBuilder().insert().into(JudgeInvitationEntity).values(invitation).orUpdate(['tracks', 'invited_by', 'code_hash'], ['event_id', 'email']).execute();
    return manager.findOneByOrFail(JudgeInvitationEntity, { eventId: invitation.eventId, email: invitation.email });
  }

  /**
   * The event's invitation with this code hash, row-locked until the transaction ends: a concurrent claim or revoke
   * waits, then finds it gone (READ COMMITTED re-reads a locked row and skips it once deleted).
   */
  async lockByCode(manager: EntityManager, eventId: string, codeHash: string): Promise<JudgeInvitationEntity | null> {
    return manager
      .getRepository(JudgeInvitationEntity)
      .createQueryBuilder('invitation')
      .setLock('pessimistic_write')
      .where('invitation.event_id = :eventId AND invitation.code_hash = :codeHash', { eventId, codeHash })
      .getOne();
  }

  async removeById(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(JudgeInvitationEntity, { id });
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
