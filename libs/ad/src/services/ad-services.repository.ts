import { isUniqueViolation } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AdServiceEntity } from '../entities/ad-service.entity';

@Injectable()
export class AdServicesRepository {
  constructor(@InjectRepository(AdServiceEntity) private readonly services: Repository<AdServiceEntity>) {}

  /** Null when the event already has a service of that name (the unique key decides). */
  async insert(service: Partial<AdServiceEntity>): Promise<AdServiceEntity | null> {
    try {
      return await this.services.save(this.services.create(service));
    } catch (error) {
      if (isUniqueViolation(error, 'ad_services_event_name_key')) return null;
      throw error;
    }
  }

  findOfEvent(eventId: string): Promise<AdServiceEntity[]> {
    return this.services.find({ where: { eventId }, order: { name: 'ASC' } });
  }

  findById(id: string): Promise<AdServiceEntity | null> {
    return this.services.findOne({ where: { id } });
  }
}
