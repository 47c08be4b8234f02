import { isUniqueViolation } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CriterionEntity } from './entities/criterion.entity';

@Injectable()
export class CriteriaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when the event already has a criterion of that name. */
  async insert(manager: EntityManager, criterion: Pick<CriterionEntity, 'eventId' | 'name' | 'description' | 'weight' | 'min' | 'max'>): Promise<CriterionEntity | null> {
    try {
      return await manager.transaction((inner) => inner.save(inner.create(CriterionEntity, criterion)));
    } catch (error) {
      if (isUniqueViolation(error, 'judging_criteria_event_name_key')) return null;
      throw error;
    }
  }

  /** The event's criteria in the order they were made. */
  forEvent(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<CriterionEntity[]> {
    return manager.find(CriterionEntity, { where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async remove(manager: EntityManager, eventId: string, id: string): Promise<boolean> {
    const result = await manager.delete(CriterionEntity, { eventId, id });
    return (result.affected ?? 0) > 0;
  }
}
