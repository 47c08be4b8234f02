import { EventEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TeamMemberEntity } from './team-member.entity';

@Entity('teams')
// Names are unique per event regardless of case: created in the migration as UNIQUE (event_id, lower(name)).
@Index('teams_event_name_key', { synchronize: false })
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  division: string | null;

  @Column({ type: 'text', unique: true })
  inviteCode: string;

  // Organisers may hide a team (staff, tests: it still plays) from boards and value calculations, as CTFd's hidden.
  @Column({ type: 'boolean', default: false })
  hidden: boolean;

  // Disqualified: its members may not play, it leaves every board but the organisers' and lowers no value.
  @Column({ type: 'boolean', default: false })
  banned: boolean;

  @OneToMany(() => TeamMemberEntity, (member) => member.team)
  members?: TeamMemberEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
