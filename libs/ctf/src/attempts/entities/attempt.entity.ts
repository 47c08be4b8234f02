import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AttemptVerdict } from '../attempt-verdict.enum';

/**
 * Every flag attempt, kept for organisers' review (who, when, what, verdict), except that a team's submissions to a
 * challenge it has solved share one `already_solved` row that counts them: resubmitting cannot grow the table.
 */
@Entity('attempts')
@Index(['eventId', 'createdAt'])
@Index(['challengeId', 'teamId'])
@Index('attempts_already_solved_key', ['challengeId', 'teamId'], { unique: true, where: "verdict = 'already_solved'" })
// (challenge_id, md5(lower(submission)), created_at): the attempts log's flag-sharing probe (migration AttemptsSharingIndex).
@Index('attempts_sharing', { synchronize: false })
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

  // Submissions this row stands for: 1, or every resubmission on the already_solved row (who, what, ip: the first).
  @Column({ type: 'integer', default: 1 })
  count: number;

  // The latest of them, once there are several.
  @Column({ type: 'timestamptz', nullable: true })
  lastAt: Date | null;
}
