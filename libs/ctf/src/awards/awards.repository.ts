import { Page } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AwardEntity } from './entities/award.entity';

@Injectable()
export class AwardsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async teamInEvent(eventId: string, teamId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM teams WHERE id = $1 AND event_id = $2', [teamId, eventId]);
    return rows.length > 0;
  }

  insert(award: Pick<AwardEntity, 'eventId' | 'teamId' | 'value' | 'reason' | 'kind' | 'createdBy'>): Promise<AwardEntity> {
    const repository = this.dataSource.getRepository(AwardEntity);
    return repository.save(repository.create(award));
  }

  async findPage(eventId: string, limit: number, offset: number): Promise<Page<AwardEntity>> {
    const [items, total] = await this.dataSource
      .getRepository(AwardEntity)
      .findAndCount({ where: { eventId }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }

  /** False when the event has no such award. */
  async remove(eventId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(AwardEntity).delete({ eventId, id });
    return (result.affected ?? 0) > 0;
  }
}
