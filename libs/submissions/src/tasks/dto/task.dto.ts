import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TaskEntity, TaskRunLimits } from '../entities/task.entity';
import { taskEnd } from '../task-rules';
import { ScorerLayout, SubmissionType, TaskMetric } from '../task.enums';

/** A task as participants see it: never the ground truth or the scorer. */
export class TaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ description: 'Markdown' })
  description: string;
  @ApiProperty({ enum: TaskMetric })
  metric: TaskMetric;
  @ApiPropertyOptional({ type: Number, nullable: true })
  k: number | null;
  @ApiProperty()
  idColumn: string;
  @ApiProperty()
  targetColumn: string;
  @ApiProperty({ description: 'rows a submission must have' })
  rows: number;
  @ApiProperty({ enum: SubmissionType })
  submissionType: SubmissionType;
  @ApiProperty()
  higherIsBetter: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true })
  maxDailySubmissions: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  maxSubmissions: number | null;
  @ApiPropertyOptional({ nullable: true })
  limits: TaskRunLimits | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: the event start' })
  opensAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: the event end' })
  closesAt: string | null;
  @ApiProperty({ description: "when submissions close and finals are fixed: the task's closesAt, else the event end" })
  deadline: string;
  @ApiProperty({ description: 'largest submission file accepted, in bytes (larger: 413)' })
  maxFileBytes: number;
  @ApiProperty({ description: 'what custom scorers and code submissions run with, e.g. python-scientific' })
  runtime: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description: "the runtime's versions a worker reported when the task was created (python, numpy, …)",
  })
  runtimeVersions: Record<string, string> | null;
  @ApiProperty({ enum: ScorerLayout })
  scorerLayout: ScorerLayout;
  @ApiProperty()
  createdAt: string;

  static from(task: TaskEntity, context: { eventEndsAt: Date; maxFileBytes: number }): TaskDto {
    return {
      id: task.id,
      name: task.name,
      description: task.description,
      metric: task.metric,
      k: task.k,
      idColumn: task.idColumn,
      targetColumn: task.targetColumn,
      rows: task.groundTruthRows,
      submissionType: task.submissionType,
      higherIsBetter: task.higherIsBetter,
      maxDailySubmissions: task.maxDailySubmissions,
      maxSubmissions: task.maxSubmissions,
      limits: task.limits,
      opensAt: task.opensAt ? task.opensAt.toISOString() : null,
      closesAt: task.closesAt ? task.closesAt.toISOString() : null,
      deadline: taskEnd(task, { endsAt: context.eventEndsAt }).toISOString(),
      maxFileBytes: context.maxFileBytes,
      runtime: task.runtime,
      runtimeVersions: task.runtimeVersions,
      scorerLayout: task.scorerLayout,
      createdAt: task.createdAt.toISOString(),
    };
  }
}
