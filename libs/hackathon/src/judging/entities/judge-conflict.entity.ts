import { EventEntity, UserEntity } from '@arena/registration';
import { TeamEntity } from '@arena/teams';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A judge must not judge this team (declared by the judge or by an organiser). */
@Entity('judge_conflicts')
export class JudgeConflictEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'uuid' })
  judgeId: string;

  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'judge_id' })
  judge?: UserEntity;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'text', default: '' })
  reason: string;

  @Column({ type: 'uuid' })
  declaredBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
