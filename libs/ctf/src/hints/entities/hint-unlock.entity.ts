import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AwardEntity } from '../../awards/entities/award.entity';
import { HintEntity } from './hint.entity';

/** A team's unlock of a hint: the primary key makes concurrent unlocks one. */
@Entity('hint_unlocks')
// A team's own progress (the challenge list) is read by team.
@Index('hint_unlocks_team', ['teamId'])
export class HintUnlockEntity {
  @PrimaryColumn({ type: 'uuid' })
  hintId: string;

  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => HintEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hint_id' })
  hint?: HintEntity;

  @Column({ type: 'uuid' })
  userId: string;

  // The negative award that charged the cost (none for a free hint).
  @Column({ type: 'uuid', nullable: true })
  awardId: string | null;

  @ManyToOne(() => AwardEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'award_id' })
  award?: AwardEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
