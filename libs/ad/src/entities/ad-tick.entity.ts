import { EventEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A started tick: the primary key makes a second start of the same tick (two workers, a restart) impossible. */
@Entity('ad_ticks')
export class AdTickEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @PrimaryColumn({ type: 'integer' })
  tick: number;

  // When the tick was due (startsAt + (tick - 1) · tickSeconds); startedAt - scheduledAt is the jitter.
  @Column({ type: 'timestamptz' })
  scheduledAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;
}
