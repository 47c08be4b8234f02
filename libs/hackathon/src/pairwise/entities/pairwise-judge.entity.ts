import { EventEntity, UserEntity } from '@arena/registration';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** Where a judge is in pairwise judging: the project seen last (`prev`) and the one to compare it with (`next`). */
@Entity('pairwise_judges')
export class PairwiseJudgeEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'uuid' })
  judgeId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'judge_id' })
  judge?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  prevProjectId: string | null;

  @ManyToOne(() => ProjectEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'prev_project_id' })
  prevProject?: ProjectEntity;

  @Column({ type: 'uuid', nullable: true })
  nextProjectId: string | null;

  @ManyToOne(() => ProjectEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'next_project_id' })
  nextProject?: ProjectEntity;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
