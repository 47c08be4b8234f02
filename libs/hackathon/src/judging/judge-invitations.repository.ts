import { lockAccountEmail } from '@arena/registration';
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

  /** Takes every invitation waiting for the email (they are spent). */
  async claim(manager: EntityManager, email: string): Promise<Array<{ eventId: string; tracks: string[] }>> {
    const [rows]: [Array<{ event_id: string; tracks: string[] }>, number] = await manager.query('DELETE FROM judge_invitations WHERE email = $1 RETURNING event_id, tracks', [
      email,
    ]);
    return rows.map((row) => ({ eventId: row.event_id, tracks: row.tracks }));
  }
}
