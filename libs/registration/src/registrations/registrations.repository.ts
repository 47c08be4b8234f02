import { isForeignKeyViolation, isUniqueViolation, Page } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, ILike, In } from 'typeorm';
import { ApprovalMode } from '../events/event-kind.enum';
import { EventEntity } from '../events/entities/event.entity';
import { RegistrationEntity } from './entities/registration.entity';
import { RegistrationStatus } from './registration-status.enum';

// Approved and pending registrations hold a place; waitlisted ones wait for one.
const HOLDS_PLACE = [RegistrationStatus.Approved, RegistrationStatus.Pending];

/** Work done while the event row is locked: capacity decisions cannot interleave. */
export interface CapacityLock {
  event: EventEntity;
  manager: EntityManager;
}

@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction holding the event's row lock (SELECT … FOR UPDATE). */
  withCapacityLock<T>(eventId: string, work: (lock: CapacityLock) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(EventEntity, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event) throw new Error(`event ${eventId} vanished`);
      return work({ event, manager });
    });
  }

  countHoldingPlace({ event, manager }: CapacityLock): Promise<number> {
    return manager.count(RegistrationEntity, { where: { eventId: event.id, status: In(HOLDS_PLACE) } });
  }

  /** Inserts a registration; null when the user is already registered. */
  async insert({ manager }: CapacityLock, row: Pick<RegistrationEntity, 'eventId' | 'userId' | 'status' | 'answers'>): Promise<RegistrationEntity | null> {
    try {
      // A savepoint keeps the transaction usable after a unique violation.
      return await manager.transaction((inner) => inner.save(inner.create(RegistrationEntity, row)));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  findLocked({ event, manager }: CapacityLock, id: string): Promise<RegistrationEntity | null> {
    return manager.findOne(RegistrationEntity, { where: { id, eventId: event.id }, lock: { mode: 'pessimistic_write' } });
  }

  findLockedByUser({ event, manager }: CapacityLock, userId: string): Promise<RegistrationEntity | null> {
    return manager.findOne(RegistrationEntity, { where: { userId, eventId: event.id }, lock: { mode: 'pessimistic_write' } });
  }

  async setStatus({ manager }: CapacityLock, registration: RegistrationEntity, status: RegistrationStatus): Promise<RegistrationEntity> {
    registration.status = status;
    return manager.save(registration);
  }

  async setAnswers({ manager }: CapacityLock, registration: RegistrationEntity, answers: Record<string, unknown>): Promise<RegistrationEntity> {
    registration.answers = answers;
    return manager.save(registration);
  }

  /** Deletes the registration; false when a team membership still refers to it. */
  async deleteUnlessInTeam({ manager }: CapacityLock, registration: RegistrationEntity): Promise<boolean> {
    try {
      await manager.transaction((inner) => inner.delete(RegistrationEntity, { id: registration.id }));
      return true;
    } catch (error) {
      if (isForeignKeyViolation(error)) return false;
      throw error;
    }
  }

  /** Moves the oldest waitlisted registrants into the free places, under the lock; returns them as they are now. */
  async promoteUnderLock(lock: CapacityLock): Promise<RegistrationEntity[]> {
    const { event, manager } = lock;
    const free = event.registrationCapacity === null ? null : event.registrationCapacity - (await this.countHoldingPlace(lock));
    if (free !== null && free <= 0) return [];
    const waiting = await manager.find(RegistrationEntity, {
      where: { eventId: event.id, status: RegistrationStatus.Waitlisted },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: free ?? undefined,
      lock: { mode: 'pessimistic_write' },
    });
    const status = event.registrationApproval === ApprovalMode.Auto ? RegistrationStatus.Approved : RegistrationStatus.Pending;
    if (waiting.length === 0) return [];
    const ids = waiting.map((row) => row.id);
    await manager.update(RegistrationEntity, { id: In(ids) }, { status });
    // Read again with the registrant (a locking read cannot join it), for whoever reports the promotion.
    return manager.find(RegistrationEntity, { where: { id: In(ids) }, relations: { user: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  promoteWaitlisted(eventId: string): Promise<RegistrationEntity[]> {
    return this.withCapacityLock(eventId, (lock) => this.promoteUnderLock(lock));
  }

  findByUser(eventId: string, userId: string): Promise<RegistrationEntity | null> {
    return this.dataSource.getRepository(RegistrationEntity).findOneBy({ eventId, userId });
  }

  /** One page of the event's registrations, oldest first; `search` matches part of the name or email, any case. */
  async findForEvent(eventId: string, filter: { status?: RegistrationStatus; search?: string }, limit: number, offset: number): Promise<Page<RegistrationEntity>> {
    const base: FindOptionsWhere<RegistrationEntity> = { eventId, ...(filter.status ? { status: filter.status } : {}) };
    // LIKE's wildcards in the search are literal characters.
    const pattern = filter.search ? `%${filter.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%` : null;
    const where = pattern
      ? [
          { ...base, user: { displayName: ILike(pattern) } },
          { ...base, user: { email: ILike(pattern) } },
        ]
      : base;
    const [items, total] = await this.dataSource.getRepository(RegistrationEntity).findAndCount({
      where,
      relations: { user: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  /** Share-locks the user's approved registration in the caller's transaction; false when it is not approved (now). */
  async holdApproved(manager: EntityManager, eventId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM registrations WHERE event_id = $1 AND user_id = $2 AND status = 'approved' AND disqualified_at IS NULL FOR SHARE`, [
      eventId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** Marks the person disqualified in the caller's transaction (an organiser's removal from their team). */
  async markDisqualified(manager: EntityManager, eventId: string, userId: string): Promise<void> {
    await manager.query(`UPDATE registrations SET disqualified_at = coalesce(disqualified_at, now()) WHERE event_id = $1 AND user_id = $2`, [eventId, userId]);
  }
}
