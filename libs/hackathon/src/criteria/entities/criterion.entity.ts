import { EventEntity } from '@arena/registration';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A rubric criterion: marks run from `min` to `max`, weighted by `weight`. */
@Entity('judging_criteria')
@Unique('judging_criteria_event_name_key', ['eventId', 'name'])
@Check('judging_criteria_range_check', '"max" > "min" AND "weight" > 0')
export class CriterionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'double precision' })
  weight: number;

  @Column({ type: 'double precision' })
  min: number;

  @Column({ type: 'double precision' })
  max: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
