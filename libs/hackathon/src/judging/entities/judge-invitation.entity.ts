import { EventEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A judge invited by email before they have an account: the signed-in account with that email that presents the
 * invitation's one-time code becomes a judge of the event (registration does not prove the email, the code does).
 */
@Entity('judge_invitations')
@Index('judge_invitations_code_hash_key', ['codeHash'], { unique: true })
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

  // SHA-256 (hex) of the one-time code handed to the organiser; the code itself is never stored. Null for invitations
  // made before codes existed: no code hashes to null, so those can never be claimed (re-inviting gives them one).
  @Column({ type: 'text', nullable: true })
  codeHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
