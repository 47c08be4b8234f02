import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TaskEntity, TaskRunLimits } from '../entities/task.entity';
import { SubmissionType, TaskMetric } from '../task.enums';

/** A task as participants see it: never the ground truth or the scorer. */
export class TaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
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
  @ApiProperty()
  createdAt: string;

  static from(task: TaskEntity): TaskDto {
    return {
      id: task.id,
      name: task.name,
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
      createdAt: task.createdAt.toISOString(),
    };
  }
}
