import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One checker run (check, put or get) of a tick, with what organisers need to debug it. */
@Entity('ad_checks')
@Unique('ad_checks_run_key', ['eventId', 'tick', 'teamId', 'serviceId', 'action', 'vuln', 'flagTick'])
@Index(['eventId', 'teamId', 'serviceId', 'tick'])
export class AdCheckEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'integer' })
  tick: number;

  @Column({ type: 'uuid' })
  teamId: string;

  @Column({ type: 'uuid' })
  serviceId: string;

  /** `check`, `put` or `get`. */
  @Column({ type: 'text' })
  action: string;

  // 0 for check; the flag store for put and get.
  @Column({ type: 'integer', default: 0 })
  vuln: number;

  // The tick of the flag fetched by get (0 otherwise).
  @Column({ type: 'integer', default: 0 })
  flagTick: number;

  /** OK, CORRUPT, MUMBLE, DOWN or CHECK_FAILED. */
  @Column({ type: 'text' })
  status: string;

  // The public message (the checker's stdout for check/get, as ForcAD's public message).
  @Column({ type: 'text', default: '' })
  message: string;

  // Organisers only: stderr and the sandbox's verdict.
  @Column({ type: 'text', default: '' })
  output: string;

  @Column({ type: 'integer' })
  durationMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
