import { GroundTruthOptions, metricHigherIsBetter } from '@arena/scoring';
import { CreateTaskDto } from './dto/create-task.dto';
import { TaskMetric } from './task.enums';

/** How to read a task's ground truth; the fraction split is seeded by the task id. */
export function groundTruthOptions(task: {
  id: string;
  idColumn: string;
  targetColumn: string;
  splitColumn: string | null;
  publicFraction: number | null;
  metric: TaskMetric;
}): GroundTruthOptions {
  return {
    idColumn: task.idColumn,
    targetColumn: task.targetColumn,
    splitColumn: task.splitColumn,
    publicFraction: task.publicFraction,
    taskId: task.id,
    metric: task.metric === TaskMetric.Custom ? null : task.metric,
  };
}

/** A built-in metric's direction, or the organiser's for a custom scorer. */
export function higherIsBetter(dto: Pick<CreateTaskDto, 'metric' | 'higherIsBetter'>): boolean {
  return dto.metric === TaskMetric.Custom ? (dto.higherIsBetter as boolean) : metricHigherIsBetter(dto.metric);
}

/** When a task's submissions close and its private scores show: its own end, or the event's. */
export const taskEnd = (task: { closesAt: Date | null }, event: { endsAt: Date }): Date => task.closesAt ?? event.endsAt;
