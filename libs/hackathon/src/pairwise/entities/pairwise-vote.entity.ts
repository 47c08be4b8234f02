import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EventEntity, UserEntity } from '@arena/registration';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** One comparison, append-only: the ranking is the replay of these in id order, minus withdrawn ones. */
@Entity('pairwise_votes')
@Index(['eventId', 'id'])
@Index(['eventId', 'judgeId'])
export class PairwiseVoteEntity {
  // The log order; bigint comes back from pg as a string.
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'uuid' })
  judgeId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'judge_id' })
  judge?: UserEntity;

  // The pair as shown (prev first), so an undo can show it again.
  @Column({ type: 'uuid' })
  prevProjectId: string;

  @Column({ type: 'uuid' })
  nextProjectId: string;

  @Column({ type: 'uuid' })
  winnerId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'winner_id' })
  winner?: ProjectEntity;

  @Column({ type: 'uuid' })
  loserId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'loser_id' })
  loser?: ProjectEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
