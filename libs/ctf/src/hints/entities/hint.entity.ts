import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChallengeEntity } from '../../challenges/entities/challenge.entity';

@Entity('hints')
@Index(['challengeId'])
export class HintEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => ChallengeEntity, (challenge) => challenge.hints, { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: ChallengeEntity;

  @Column({ type: 'text' })
  content: string;

  // 0 = free: the content shows without an unlock.
  @Column({ type: 'integer', default: 0 })
  cost: number;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
