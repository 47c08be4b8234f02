import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FlagKind } from '../challenge.enums';
import { ChallengeEntity } from './challenge.entity';

@Entity('challenge_flags')
@Index(['challengeId'])
export class FlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => ChallengeEntity, (challenge) => challenge.flags, { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: ChallengeEntity;

  @Column({ type: 'enum', enum: FlagKind, enumName: 'flag_kind' })
  kind: FlagKind;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'boolean', default: false })
  caseInsensitive: boolean;
}
