import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The status of one team's service for one tick, combined from that tick's check, puts and gets. */
@Entity('ad_service_states')
export class AdServiceStateEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'integer' })
  tick: number;

  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid' })
  serviceId: string;

  /** OK, RECOVERING, MUMBLE, CORRUPT, DOWN or CHECK_FAILED. */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text', default: '' })
  message: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
