import { EventEntity, UserEntity } from '@arena/registration';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The tracks a judge judges; no row (or no tracks) means every track. */
@Entity('judge_tracks')
export class JudgeTrackEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'uuid' })
  judgeId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'judge_id' })
  judge?: UserEntity;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tracks: string[];
}
