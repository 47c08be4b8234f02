import { EventEntity } from '@arena/registration';
import { ValueFunction } from '@arena/scoring';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ChallengeState } from '../challenge.enums';
import { ChallengeFileEntity } from './challenge-file.entity';
import { FlagEntity } from './flag.entity';
import { HintEntity } from '../../hints/entities/hint.entity';

@Entity('challenges')
@Unique('challenges_event_name_key', ['eventId', 'name'])
@Index(['eventId', 'position'])
export class ChallengeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', nullable: true })
  author: string | null;

  /** Credit for the challenge's origin (ctfcli's `attribution`, shown with it as CTFd does), e.g. a licence line. */
  @Column({ type: 'text', nullable: true })
  attribution: string | null;

  @Column({ type: 'enum', enum: ValueFunction, enumName: 'value_function' })
  valueFunction: ValueFunction;

  // Static: the value; dynamic: unused (initial/minimum/decay apply).
  @Column({ type: 'integer', default: 0 })
  value: number;

  @Column({ type: 'integer', default: 0 })
  initial: number;

  @Column({ type: 'integer', default: 0 })
  minimum: number;

  @Column({ type: 'integer', default: 0 })
  decay: number;

  // 0 = unlimited wrong attempts.
  @Column({ type: 'integer', default: 0 })
  maxAttempts: number;

  @Column({ type: 'enum', enum: ChallengeState, enumName: 'challenge_state', default: ChallengeState.Visible })
  state: ChallengeState;

  @Column({ type: 'text', nullable: true })
  connectionInfo: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  // Display order within the board (then category, then name).
  @Column({ type: 'integer', default: 0 })
  position: number;

  /** Ids of challenges of the same event that must be solved first. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  requirements: string[];

  @OneToMany(() => FlagEntity, (flag) => flag.challenge, { cascade: true })
  flags?: FlagEntity[];

  @OneToMany(() => HintEntity, (hint) => hint.challenge, { cascade: true })
  hints?: HintEntity[];

  @OneToMany(() => ChallengeFileEntity, (file) => file.challenge)
  files?: ChallengeFileEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
