import { EventEntity, UserEntity } from '@arena/registration';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A public vote. A user's votes take slots 1..votesPerUser: the keys settle concurrent votes. */
@Entity('peoples_choice_votes')
@Unique('peoples_choice_votes_user_project_key', ['eventId', 'userId', 'projectId'])
@Check('peoples_choice_votes_slot_check', '"slot" >= 1')
export class PeoplesChoiceVoteEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'integer' })
  slot: number;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
