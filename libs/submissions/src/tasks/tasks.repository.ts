import { isUniqueViolation } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TaskEntity } from './entities/task.entity';

@Injectable()
export class TasksRepository {
  constructor(@InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>) {}

  /** Null when the event has a task of that name. */
  async insert(task: Partial<TaskEntity>): Promise<TaskEntity | null> {
    try {
      return await this.tasks.save(this.tasks.create(task));
    } catch (error) {
      if (isUniqueViolation(error, 'ai_tasks_event_name_key')) return null;
      throw error;
    }
  }

  findInEvent(eventId: string, id: string): Promise<TaskEntity | null> {
    return this.tasks.findOneBy({ eventId, id });
  }

  findByIdOrName(eventId: string, key: string): Promise<TaskEntity | null> {
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
    return this.tasks.findOneBy(byId ? { eventId, id: key } : { eventId, name: key });
  }

  findById(id: string): Promise<TaskEntity | null> {
    return this.tasks.findOneBy({ id });
  }

  findForEvent(eventId: string): Promise<TaskEntity[]> {
    return this.tasks.find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
