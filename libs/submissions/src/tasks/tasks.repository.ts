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

  findById(id: string): Promise<TaskEntity | null> {
    return this.tasks.findOneBy({ id });
  }

  findForEvent(eventId: string): Promise<TaskEntity[]> {
    return this.tasks.find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
