import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AttemptVerdict } from '../attempt-verdict.enum';

/** Every flag attempt, kept for organisers' review (who, when, what, verdict). */
@Entity('attempts')
@Index(['eventId', 'createdAt'])
@Index(['challengeId', 'teamId'])
export class AttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @Column({ type: 'uuid' })
  userId: string;

  // Trimmed, at most 1 000 characters.
  @Column({ type: 'text' })
  submission: string;

  @Column({ type: 'enum', enum: AttemptVerdict, enumName: 'attempt_verdict' })
  verdict: AttemptVerdict;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
