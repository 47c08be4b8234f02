import { TeamEntity } from '@arena/teams';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from '../../tasks/entities/task.entity';
import { SubmissionReport } from '../submission-report';
import { SubmissionStatus } from '../submission-status.enum';

/** A custom scorer's keys, per split. */
export interface SubmissionScores {
  public: Record<string, number>;
  private: Record<string, number>;
}

@Entity('submissions')
@Index(['taskId', 'teamId', 'createdAt'])
@Index(['taskId', 'status'])
// The in-flight cap and the fair-queue position count a team's queued and running submissions on every upload.
@Index('submissions_team_status', ['teamId', 'status'])
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  blobKey: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  size: number;

  @Column({ type: 'text', nullable: true })
  filename: string | null;

  // For code uploads: the command to run instead of ./run.
  @Column({ type: 'text', nullable: true })
  runCommand: string | null;

  @Column({ type: 'enum', enum: SubmissionStatus, enumName: 'submission_status', default: SubmissionStatus.Queued })
  status: SubmissionStatus;

  @Column({ type: 'double precision', nullable: true })
  publicScore: number | null;

  @Column({ type: 'double precision', nullable: true })
  privateScore: number | null;

  /** Every key a custom scorer wrote, per split (the ranking key is also publicScore / privateScore). */
  @Column({ type: 'jsonb', nullable: true })
  scores: SubmissionScores | null;

  /** Why it failed: invalid-file, time-limit, memory-limit, output-limit, runtime-error, system-error… */
  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  // Written as PostgreSQL prints jsonb, so the schema check sees no difference.
  @Column({ type: 'jsonb', default: () => `'{"messages": []}'` })
  report: SubmissionReport;

  // Marked by the team for the private board (at most 2 per task).
  @Column({ type: 'boolean', default: false })
  selectedFinal: boolean;

  // The UTC day it counts toward for the daily limit.
  @Column({ type: 'date' })
  utcDay: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  scoredAt: Date | null;
}
