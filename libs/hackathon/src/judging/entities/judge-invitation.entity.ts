import { EventEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A judge invited by email before they have an account: the account created with that email becomes a judge of the event. */
@Entity('judge_invitations')
@Unique('judge_invitations_event_email_key', ['eventId', 'email'])
@Index('judge_invitations_email_idx', ['email'])
export class JudgeInvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  // Trimmed and lower-cased, as accounts store theirs.
  @Column({ type: 'text' })
  email: string;

  // The tracks the judge will judge; empty: every track.
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tracks: string[];

  @Column({ type: 'uuid' })
  invitedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
