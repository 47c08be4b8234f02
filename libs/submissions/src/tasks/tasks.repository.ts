import { isUniqueViolation } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TaskEntity } from './entities/task.entity';

/** What an edit did, decided holding the task row and its in-flight submissions. */
export type TaskEditOutcome =
  | { kind: 'updated'; task: TaskEntity; requeued: string[] }
  | { kind: 'not-found' }
  | { kind: 'name-taken' }
  | { kind: 'scored'; scored: number }
  | { kind: 'busy'; running: number };

const REQUEUE_FINISHED = `UPDATE submissions
    SET status = 'queued', failure_reason = NULL, report = '{"messages": []}', scored_at = NULL,
        public_score = NULL, private_score = NULL, scores = NULL
  WHERE task_id = $1 AND status IN ('scored', 'failed')
  RETURNING id`;

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

  /**
   * Applies an edit under the task's row lock. A change of how it scores (`scoring`) holds its queued and running
   * submissions too, so no check starts with the old rules and ends after the change: it is refused while one runs,
   * and once one is scored unless `rescoreAll` queues every finished one again in the same transaction.
   */
  async updateGuarded(eventId: string, id: string, changes: Partial<TaskEntity>, options: { scoring: boolean; rescoreAll: boolean }): Promise<TaskEditOutcome> {
    try {
      return await this.tasks.manager.transaction(async (manager): Promise<TaskEditOutcome> => {
        const task = await manager.findOne(TaskEntity, { where: { eventId, id }, lock: { mode: 'pessimistic_write' } });
        if (!task) return { kind: 'not-found' };
        if (options.scoring || options.rescoreAll) {
          const inFlight: Array<{ status: string }> = await manager.query(`SELECT status FROM submissions WHERE task_id = $1 AND status IN ('queued', 'running') FOR UPDATE`, [id]);
          const running = inFlight.filter((row) => row.status === 'running').length;
          if (running > 0) return { kind: 'busy', running };
        }
        if (options.scoring && !options.rescoreAll) {
          const [{ scored }]: Array<{ scored: number }> = await manager.query(`SELECT count(*)::int AS scored FROM submissions WHERE task_id = $1 AND status = 'scored'`, [id]);
          if (scored > 0) return { kind: 'scored', scored };
        }
        if (Object.keys(changes).length > 0) await manager.update(TaskEntity, { id }, changes);
        const [rows]: [Array<{ id: string }>, number] = options.rescoreAll ? await manager.query(REQUEUE_FINISHED, [id]) : [[], 0];
        return { kind: 'updated', task: await manager.findOneOrFail(TaskEntity, { where: { id } }), requeued: rows.map((row) => row.id) };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'ai_tasks_event_name_key')) return { kind: 'name-taken' };
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
