import { TeamEntity } from '@arena/teams';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { AdServiceEntity } from './ad-service.entity';

/** A flag the platform planted (or tried to): kept for audit and attack info; submissions verify the signature. */
@Entity('ad_flags')
@Unique('ad_flags_slot_key', ['eventId', 'teamId', 'serviceId', 'tick', 'vuln'])
@Index(['eventId', 'tick'])
export class AdFlagEntity {
  @PrimaryColumn({ type: 'text' })
  flag: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => AdServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id' })
  service?: AdServiceEntity;

  @Column({ type: 'integer' })
  tick: number;

  @Column({ type: 'integer' })
  vuln: number;

  // Public: what attack info shows; put's stdout replaces it, as in ForcAD.
  @Column({ type: 'text' })
  flagId: string;

  // Whether put stored it (only those are fetched back by get).
  @Column({ type: 'boolean', default: false })
  planted: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
