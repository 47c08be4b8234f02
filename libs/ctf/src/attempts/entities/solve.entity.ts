import { TeamEntity } from '@arena/teams';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ChallengeEntity } from '../../challenges/entities/challenge.entity';

/** A team's solve of a challenge: unique, so concurrent correct attempts make one. */
@Entity('solves')
@Unique('solves_challenge_team_key', ['challengeId', 'teamId'])
@Index(['eventId', 'createdAt'])
@Index(['teamId'])
// Each challenge's first solve in time order (first bloods) without sorting the event's solves.
@Index('solves_first_blood', ['challengeId', 'createdAt', 'id'])
// The solves stored since a transaction id (the worker's incremental standings).
@Index('solves_event_tx', ['eventId', 'tx'])
export class SolveEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => ChallengeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: ChallengeEntity;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The id of the transaction that stored it (txid_current()), as text: a bigint. */
  @Column({ type: 'bigint', default: () => 'txid_current()', select: false, insert: false, update: false })
  tx?: string;
}
