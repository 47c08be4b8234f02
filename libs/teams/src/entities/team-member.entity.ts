import { RegistrationEntity, UserEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { TeamRole } from '../team-role.enum';
import { TeamEntity } from './team.entity';

@Entity('team_members')
// A user is in at most one team per event.
@Unique('team_members_event_user_key', ['eventId', 'userId'])
// A team has exactly one captain.
@Index('team_members_one_captain', ['teamId'], { unique: true, where: "role = 'captain'" })
export class TeamMemberEntity {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => TeamEntity, (team) => team.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  // Membership needs a registration: withdrawing while in a team is refused by this key.
  @ManyToOne(() => RegistrationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'event_id', referencedColumnName: 'eventId' },
    { name: 'user_id', referencedColumnName: 'userId' },
  ])
  registration?: RegistrationEntity;

  @Column({ type: 'enum', enum: TeamRole, enumName: 'team_role' })
  role: TeamRole;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;
}
