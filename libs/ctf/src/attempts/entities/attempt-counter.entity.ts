import { TeamEntity } from '@arena/teams';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Wrong attempts per team and challenge, raised by one conditional upsert so `maxAttempts` holds under concurrency. */
@Entity('attempt_counters')
// A team's own progress (the challenge list) is read by team.
@Index('attempt_counters_team', ['teamId'])
export class AttemptCounterEntity {
  @PrimaryColumn({ type: 'uuid' })
  challengeId: string;

  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  // A wrong flag's first counter row checks (and share-locks) the team like a solve does, so a disband either waits
  // and sees the attempt as history, or goes first and the attempt is refused: never a row of a vanished team.
  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'integer', default: 0 })
  wrong: number;
}
