import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';

/** A project shown to a judge: the primary key makes sure no judge is shown a project twice. */
@Entity('pairwise_views')
export class PairwiseViewEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'uuid' })
  judgeId: string;

  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'boolean', default: false })
  skipped: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
