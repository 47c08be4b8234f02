import { EventEntity } from '@arena/registration';
import { TeamEntity } from '@arena/teams';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ArchiveCheck, ProjectArchive } from '../project-archive';

/** A team's hackathon submission: one per team per event. */
@Entity('projects')
@Unique('projects_event_team_key', ['eventId', 'teamId'])
@Index(['eventId', 'createdAt'])
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  // Markdown, stored as sent; clients render it.
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  repoUrl: string;

  @Column({ type: 'text', nullable: true })
  videoUrl: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tracks: string[];

  // Bumped on every change; project_versions keeps each version.
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'jsonb', nullable: true })
  archive: ProjectArchive | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  checks: ArchiveCheck[];

  // The submission time: the last tie-break of the ranking.
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
