import { EventEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A vulnerable service every team runs, with the organisers' checker (a ForcAD-style script in a zip). */
@Entity('ad_services')
@Unique('ad_services_event_name_key', ['eventId', 'name'])
export class AdServiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  port: number;

  @Column({ type: 'text' })
  checkerBlobKey: string;

  @Column({ type: 'text' })
  checkerCommand: string;

  @Column({ type: 'integer' })
  checkerTimeoutSeconds: number;

  // Flag stores: each tick puts one flag per store.
  @Column({ type: 'integer', default: 1 })
  vulns: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
