import { isUniqueViolation, Page } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { ProjectVersionEntity, ProjectSnapshot } from './entities/project-version.entity';
import { ArchiveCheck } from './project-archive';
import { ProjectEntity } from './entities/project.entity';

/**
 * Versions kept per project besides the first: the latest ones (the ones between are pruned), so edits cannot grow the
 * table without bound, and the first submission stays on record however many edits follow it.
 */
export const MAX_PROJECT_VERSIONS = 50;

export type NewProject = Pick<ProjectEntity, 'eventId' | 'teamId' | 'title' | 'summary' | 'description' | 'repoUrl' | 'videoUrl' | 'tracks'>;

export function snapshotOf(project: ProjectEntity): ProjectSnapshot {
  const { archive } = project;
  return {
    title: project.title,
    summary: project.summary,
    description: project.description,
    repoUrl: project.repoUrl,
    videoUrl: project.videoUrl,
    tracks: project.tracks,
    archive: archive ? { name: archive.name, size: archive.size, sha256: archive.sha256 } : null,
  };
}

/** Which projects a list shows: every one (staff), or those of teams neither hidden nor banned plus the caller's own. */
export interface ProjectFilter {
  includeHidden: boolean;
  ownTeamId: string | null;
  /** False before the event ends for non-staff: only the own project is listed. */
  gallery: boolean;
}

@Injectable()
export class ProjectsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get projects() {
    return this.dataSource.getRepository(ProjectEntity);
  }

  /** Inserts the project and its version 1; 'exists' when the team already has one (the unique key settles races). */
  async insert(project: NewProject, editorId: string): Promise<ProjectEntity | 'exists'> {
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(manager.create(ProjectEntity, { ...project, version: 1, checks: [], archive: null }));
        await manager.insert(ProjectVersionEntity, { projectId: saved.id, version: 1, editedBy: editorId, snapshot: snapshotOf(saved) });
        return saved.id;
      });
      return (await this.findInEvent(project.eventId, id)) as ProjectEntity;
    } catch (error) {
      if (isUniqueViolation(error, 'projects_event_team_key')) return 'exists';
      throw error;
    }
  }

  /**
   * Changes a project holding its row lock: `change` edits the entity (or throws). When what a snapshot shows changed,
   * the version goes up by one, the new version is recorded and only the first and the latest MAX_PROJECT_VERSIONS are kept; an edit
   * that changes nothing records nothing. Null when the project is not in the event.
   */
  async update(eventId: string, id: string, editorId: string, change: (project: ProjectEntity, manager: EntityManager) => Promise<void> | void): Promise<ProjectEntity | null> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(ProjectEntity, { where: { id, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!project) return null;
      const before = JSON.stringify(snapshotOf(project));
      await change(project, manager);
      const snapshot = snapshotOf(project);
      const changed = JSON.stringify(snapshot) !== before;
      if (changed) project.version += 1;
      await manager.save(ProjectEntity, project);
      if (changed) {
        await manager.insert(ProjectVersionEntity, { projectId: id, version: project.version, editedBy: editorId, snapshot });
        await manager.delete(ProjectVersionEntity, { projectId: id, version: Between(2, project.version - MAX_PROJECT_VERSIONS) });
      }
      return project.id;
    });
    return updated ? this.findInEvent(eventId, updated) : null;
  }

  findById(id: string): Promise<ProjectEntity | null> {
    return this.dataSource.getRepository(ProjectEntity).findOneBy({ id });
  }

  /** Replaces one named check of the project, unless its archive changed since (not an edit: no new version). */
  async setCheck(id: string, blobKey: string, check: ArchiveCheck): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE projects
          SET checks = (SELECT coalesce(jsonb_agg(c), '[]'::jsonb) FROM jsonb_array_elements(checks) c WHERE c->>'name' <> $3)
                       || jsonb_build_array($4::jsonb)
        WHERE id = $1 AND archive->>'blobKey' = $2`,
      [id, blobKey, check.name, JSON.stringify(check)],
    );
    return result[1] > 0;
  }

  findInEvent(eventId: string, id: string): Promise<ProjectEntity | null> {
    return this.projects.findOne({ where: { id, eventId }, relations: { team: true } });
  }

  findOfTeam(eventId: string, teamId: string): Promise<ProjectEntity | null> {
    return this.projects.findOne({ where: { eventId, teamId }, relations: { team: true } });
  }

  async findPage(eventId: string, filter: ProjectFilter, limit: number, offset: number): Promise<Page<ProjectEntity>> {
    const where: FindOptionsWhere<ProjectEntity>[] = [];
    if (filter.gallery) where.push(filter.includeHidden ? { eventId } : { eventId, team: { hidden: false, banned: false } });
    if (filter.ownTeamId) where.push({ eventId, teamId: filter.ownTeamId });
    if (where.length === 0) return { items: [], total: 0 };
    const [items, total] = await this.projects.findAndCount({
      where,
      relations: { team: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  /**
   * The projects that are judged and ranked: those of teams neither hidden nor banned, in submission order. A banned
   * team's project leaves judging altogether: its marks would shift every judge's normalisation.
   */
  findJudged(eventId: string): Promise<ProjectEntity[]> {
    return this.projects.find({ where: { eventId, team: { hidden: false, banned: false } }, relations: { team: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  versions(projectId: string): Promise<ProjectVersionEntity[]> {
    return this.dataSource.getRepository(ProjectVersionEntity).find({ where: { projectId }, order: { version: 'ASC' } });
  }
}
