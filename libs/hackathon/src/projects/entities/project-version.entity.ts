import { UserEntity } from '@arena/registration';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from './project.entity';

/** What a project looked like at one version; written with every change, never updated. */
export interface ProjectSnapshot {
  title: string;
  summary: string;
  description: string;
  repoUrl: string;
  videoUrl: string | null;
  tracks: string[];
  archive: { name: string; size: number; sha256: string } | null;
}

@Entity('project_versions')
export class ProjectVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'uuid', nullable: true })
  editedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'edited_by' })
  editor?: UserEntity;

  @Column({ type: 'jsonb' })
  snapshot: ProjectSnapshot;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
