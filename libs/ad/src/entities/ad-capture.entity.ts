import { TeamEntity } from '@arena/teams';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AdFlagEntity } from './ad-flag.entity';

/** A team's capture of another team's flag: unique per flag and attacker, so two teammates at once make one. */
@Entity('ad_captures')
@Unique('ad_captures_flag_attacker_key', ['flag', 'attackerTeamId'])
@Index(['eventId', 'createdAt'])
export class AdCaptureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  flag: string;

  @ManyToOne(() => AdFlagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flag' })
  flagRow?: AdFlagEntity;

  @Column({ type: 'uuid' })
  attackerTeamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attacker_team_id' })
  attacker?: TeamEntity;

  @Column({ type: 'uuid' })
  victimTeamId: string;

  @Column({ type: 'uuid' })
  serviceId: string;

  @Column({ type: 'integer' })
  tick: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
