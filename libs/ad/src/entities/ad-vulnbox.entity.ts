import { EventEntity } from '@arena/registration';
import { TeamEntity } from '@arena/teams';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A team's vulnbox: the host its services run on (one per team). */
@Entity('ad_vulnboxes')
@Index(['eventId'])
export class AdVulnboxEntity {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'text' })
  host: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
