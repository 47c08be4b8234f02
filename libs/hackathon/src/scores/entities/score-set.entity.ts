import { UserEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** One judge's marks for one project (criterion id → mark); the unique key keeps one set per judge and project. */
@Entity('rubric_scores')
@Unique('rubric_scores_project_judge_key', ['projectId', 'judgeId'])
@Index(['eventId'])
export class ScoreSetEntity {
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

  @Column({ type: 'jsonb' })
  scores: Record<string, number>;

  @Column({ type: 'text', default: '' })
  comment: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
