import { EventEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ScorerLayout, SubmissionType, TaskMetric } from '../task.enums';

/** Limits of sandboxed runs for this task (scorer or team code), overriding the defaults. */
export interface TaskRunLimits {
  cpuSeconds?: number;
  memoryMb?: number;
  wallSeconds?: number;
  processes?: number;
}

/** An AI task: hidden ground truth, a metric, a split, quotas. */
@Entity('ai_tasks')
@Unique('ai_tasks_event_name_key', ['eventId', 'name'])
@Index(['eventId'])
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'text' })
  name: string;

  // Markdown, shown to participants (rendered without raw HTML).
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: TaskMetric, enumName: 'task_metric' })
  metric: TaskMetric;

  @Column({ type: 'integer', nullable: true })
  k: number | null;

  @Column({ type: 'text' })
  idColumn: string;

  @Column({ type: 'text' })
  targetColumn: string;

  @Column({ type: 'text', nullable: true })
  splitColumn: string | null;

  // Used when there is no split column (0.3 when neither is given).
  @Column({ type: 'double precision', nullable: true })
  publicFraction: number | null;

  @Column({ type: 'integer', nullable: true })
  maxDailySubmissions: number | null;

  @Column({ type: 'integer', nullable: true })
  maxSubmissions: number | null;

  @Column({ type: 'enum', enum: SubmissionType, enumName: 'submission_type', default: SubmissionType.Predictions })
  submissionType: SubmissionType;

  @Column({ type: 'text' })
  groundTruthBlob: string;

  @Column({ type: 'integer' })
  groundTruthRows: number;

  @Column({ type: 'text', nullable: true })
  scorerBlob: string | null;

  @Column({ type: 'text', nullable: true })
  scorerFilename: string | null;

  @Column({ type: 'text', nullable: true })
  scorerCommand: string | null;

  @Column({ type: 'text', nullable: true })
  scoreKey: string | null;

  @Column({ type: 'boolean' })
  higherIsBetter: boolean;

  @Column({ type: 'text', nullable: true })
  testInputsBlob: string | null;

  // Text, not a database enum: a new runtime (a GPU one) needs no migration.
  @Column({ type: 'text', default: 'python-scientific' })
  runtime: string;

  /** The runtime's versions a worker reported when the task was created (python, numpy, …), to reproduce results. */
  @Column({ type: 'jsonb', nullable: true })
  runtimeVersions: Record<string, string> | null;

  @Column({ type: 'text', default: ScorerLayout.Arena })
  scorerLayout: ScorerLayout;

  /** `codalab` layout: the organiser's reference files (a .zip unpacked into input/ref, or one file under its name), for the public split. */
  @Column({ type: 'text', nullable: true })
  referenceBlob: string | null;

  @Column({ type: 'text', nullable: true })
  referenceFilename: string | null;

  /** The private split's reference files, when they differ (a bundle's final phase). */
  @Column({ type: 'text', nullable: true })
  privateReferenceBlob: string | null;

  @Column({ type: 'text', nullable: true })
  privateReferenceFilename: string | null;

  @Column({ type: 'jsonb', nullable: true })
  limits: TaskRunLimits | null;

  // The task's own window inside the event's (null: the event's).
  @Column({ type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
