import { TeamEntity } from '@arena/teams';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AwardKind } from '../award-kind.enum';

/** Points given (or taken, when negative) outside solves: organisers' awards and hint costs. */
@Entity('awards')
@Index(['eventId', 'createdAt'])
@Index(['teamId'])
export class AwardEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'integer' })
  value: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'enum', enum: AwardKind, enumName: 'award_kind' })
  kind: AwardKind;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
