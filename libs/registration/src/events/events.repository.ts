import { isUniqueViolation, Page } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from '../users/entities/user.entity';
import { EventStaffEntity } from './entities/event-staff.entity';
import { EventEntity } from './entities/event.entity';
import { StaffRole } from './event-kind.enum';

export interface StaffMember {
  user: UserEntity;
  role: StaffRole;
}

@Injectable()
export class EventsRepository {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventStaffEntity) private readonly staff: Repository<EventStaffEntity>,
  ) {}

  /** Inserts the event and makes its creator an organiser, atomically; null when the slug is taken. */
  async insertWithOrganiser(event: Partial<EventEntity>, organiserId: string): Promise<EventEntity | null> {
    try {
      return await this.events.manager.transaction(async (manager) => {
        const saved = await manager.save(manager.create(EventEntity, event));
        await manager.insert(EventStaffEntity, { eventId: saved.id, userId: organiserId, role: StaffRole.Organizer });
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * Applies `change` to the event under a row lock and saves it: concurrent edits queue on the row, each sees the ones
   * before it, so none is lost and the cross-field rules hold on what is stored. Null when a changed slug is taken;
   * whatever `change` throws aborts the edit.
   */
  async updateLocked(id: string, change: (event: EventEntity) => void): Promise<EventEntity | null> {
    try {
      return await this.events.manager.transaction(async (manager) => {
        const event = await manager.findOneOrFail(EventEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        change(event);
        return manager.save(event);
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Sets revealedAt once, in one statement (a full save could undo a concurrent edit). */
  async markRevealed(id: string): Promise<void> {
    await this.events
      .createQueryBuilder()
      .update()
      .set({ revealedAt: () => 'coalesce(revealed_at, now())' })
      .where('id = :id', { id })
      .execute();
  }

  findById(id: string): Promise<EventEntity | null> {
    return this.events.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<EventEntity | null> {
    return this.events.findOneBy({ slug });
  }

  /** Listed events, newest first; every event with `unlisted` (the admins' view of the platform). */
  async findListed(limit: number, offset: number, unlisted = false): Promise<Page<EventEntity>> {
    const [items, total] = await this.events.findAndCount({
      where: unlisted ? {} : { listed: true },
      order: { startsAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  async hasStaffRole(eventId: string, userId: string, role: StaffRole): Promise<boolean> {
    return this.staff.exists({ where: { eventId, userId, role } });
  }

  /** Idempotent: adding a role the user already has changes nothing. */
  async addStaff(eventId: string, userId: string, role: StaffRole): Promise<void> {
    await this.staff.createQueryBuilder().insert().values({ eventId, userId, role }).orIgnore().execute();
  }

  async findStaff(eventId: string): Promise<StaffMember[]> {
    const rows = await this.staff.find({ where: { eventId }, relations: { user: true }, order: { createdAt: 'ASC' } });
    return rows.map((row) => ({ user: row.user as UserEntity, role: row.role }));
  }
}
