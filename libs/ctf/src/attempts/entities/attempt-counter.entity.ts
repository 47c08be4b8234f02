import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Wrong attempts per team and challenge, raised by one conditional upsert so `maxAttempts` holds under concurrency. */
@Entity('attempt_counters')
// A team's own progress (the challenge list) is read by team.
@Index('attempt_counters_team', ['teamId'])
export class AttemptCounterEntity {
  @PrimaryColumn({ type: 'uuid' })
  challengeId: string;

  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @Column({ type: 'integer', default: 0 })
  wrong: number;
}
