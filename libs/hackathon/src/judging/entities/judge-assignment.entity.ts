import { UserEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';
import { AssignmentStatus } from '../assignment-status.enum';

/** A judge asked to score a project (rubric mode). A recused row stays, so that judge is never reassigned to it. */
@Entity('judge_assignments')
@Unique('judge_assignments_project_judge_key', ['projectId', 'judgeId'])
@Index(['eventId', 'judgeId'])
export class JudgeAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid' })
  judgeId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'judge_id' })
  judge?: UserEntity;

  @Column({ type: 'enum', enum: AssignmentStatus, enumName: 'assignment_status', default: AssignmentStatus.Active })
  status: AssignmentStatus;

  @Column({ type: 'text', nullable: true })
  recusalReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  recusedAt: Date | null;

  // The assignment the organiser made in place of this recused one: a recusal is reassigned once.
  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
