import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PairwiseVoteEntity } from './pairwise-vote.entity';

/** A withdrawn vote, appended to the log: the primary key lets a vote be withdrawn once. */
@Entity('pairwise_undos')
export class PairwiseUndoEntity {
  @PrimaryColumn({ type: 'bigint' })
  voteId: string;

  @ManyToOne(() => PairwiseVoteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vote_id' })
  vote?: PairwiseVoteEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
