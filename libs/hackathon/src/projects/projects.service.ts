import { AuthContext, Page } from '@arena/common';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService, HackathonView } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { CreateProjectDto } from './dto/create-project.dto';
import { ProjectDto, ProjectVersionDto } from './dto/project.dto';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectEntity } from './entities/project.entity';
import { ProjectsRepository } from './projects.repository';

const notFound = (id: string) => new HackathonError(HackathonErrorCode.ProjectNotFound, `project ${id} not found`);

/** The tracks a body names (`track` or `tracks`), checked against the event's; undefined when it names none. */
function tracksOf(view: HackathonView, dto: UpdateProjectDto): string[] | undefined {
  if (dto.track !== undefined && dto.tracks !== undefined) {
    throw new HackathonError(HackathonErrorCode.UnknownTrack, 'send either track or tracks, not both');
  }
  const tracks = dto.tracks ?? (dto.track === undefined ? undefined : dto.track === null ? [] : [dto.track]);
  if (tracks === undefined) return undefined;
  const known = view.settings.tracks;
  const unknown = tracks.filter((track) => !known.includes(track));
  if (unknown.length) {
    throw new HackathonError(HackathonErrorCode.UnknownTrack, known.length ? `track must be one of: ${known.join(', ')}` : 'track: this event has no tracks');
  }
  return tracks;
}

/** Staff and the team see a project at any time; everyone else once the event has ended, unless the team is hidden or banned. */
export function canSee(view: HackathonView, project: ProjectEntity, now = new Date()): boolean {
  if (view.organiser || view.judge || view.team?.id === project.teamId) return true;
  return now >= view.event.endsAt && !project.team?.hidden && !project.team?.banned;
}

const seesChecks = (view: HackathonView, project: ProjectEntity) => view.organiser || view.judge || view.team?.id === project.teamId;

@Injectable()
export class ProjectsService {
  private readonly logger = new Logger(ProjectsService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly projects: ProjectsRepository,
  ) {}

  async create(auth: AuthContext, slug: string, dto: CreateProjectDto): Promise<ProjectDto> {
    const view = await this.access.view(auth, slug);
    const team = this.access.requireTeam(view);
    this.access.assertSubmissionsOpen(view);
    const tracks = tracksOf(view, dto) ?? [];
    const saved = await this.projects.insert(
      {
        eventId: view.event.id,
        teamId: team.id,
        title: dto.title,
        summary: dto.summary,
        description: dto.description ?? '',
        repoUrl: dto.repoUrl,
        videoUrl: dto.videoUrl ?? null,
        tracks,
      },
      auth.userId,
    );
    if (saved === 'exists') throw new HackathonError(HackathonErrorCode.ProjectExists, 'your team already has a project; edit it instead');
    this.logger.log(`project ${saved.id} created for team ${team.id} in event ${view.event.id} by user ${auth.userId}`);
    return ProjectDto.from(saved, slug, true);
  }

  async update(auth: AuthContext, slug: string, id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    const view = await this.access.view(auth, slug);
    await this.ownProject(view, id);
    this.access.assertSubmissionsOpen(view);
    const tracks = tracksOf(view, dto);
    const saved = await this.projects.update(view.event.id, id, auth.userId, (project) => {
      if (dto.title !== undefined) project.title = dto.title;
      if (dto.summary !== undefined) project.summary = dto.summary;
      if (dto.description !== undefined) project.description = dto.description;
      if (dto.repoUrl !== undefined) project.repoUrl = dto.repoUrl;
      if (dto.videoUrl !== undefined) project.videoUrl = dto.videoUrl;
      if (tracks !== undefined) project.tracks = tracks;
    });
    if (!saved) throw notFound(id);
    this.logger.log(`project ${id} edited (version ${saved.version}) by user ${auth.userId}`);
    return ProjectDto.from(saved, slug, true);
  }

  async get(auth: AuthContext | undefined, slug: string, id: string): Promise<ProjectDto> {
    const view = await this.access.view(auth, slug);
    const project = await this.projects.findInEvent(view.event.id, id);
    if (!project || !canSee(view, project)) throw notFound(id);
    return ProjectDto.from(project, slug, seesChecks(view, project));
  }

  async mine(auth: AuthContext, slug: string): Promise<ProjectDto> {
    const view = await this.access.view(auth, slug);
    const team = this.access.requireTeam(view);
    const project = await this.projects.findOfTeam(view.event.id, team.id);
    if (!project) throw new HackathonError(HackathonErrorCode.ProjectNotFound, 'your team has no project yet');
    return ProjectDto.from(project, slug, true);
  }

  async list(auth: AuthContext | undefined, slug: string, limit: number, offset: number): Promise<Page<ProjectDto>> {
    const view = await this.access.view(auth, slug);
    const staff = view.organiser || view.judge;
    const page = await this.projects.findPage(
      view.event.id,
      { includeHidden: staff, ownTeamId: view.team?.id ?? null, gallery: staff || new Date() >= view.event.endsAt },
      limit,
      offset,
    );
    return { items: page.items.map((project) => ProjectDto.from(project, slug, seesChecks(view, project))), total: page.total };
  }

  async versions(auth: AuthContext, slug: string, id: string): Promise<ProjectVersionDto[]> {
    const view = await this.access.view(auth, slug);
    const project = await this.projects.findInEvent(view.event.id, id);
    if (!project || !(view.organiser || view.team?.id === project.teamId)) throw notFound(id);
    const versions = await this.projects.versions(id);
    return versions.map((version) => ({
      version: version.version,
      editedBy: version.editedBy,
      createdAt: version.createdAt.toISOString(),
      snapshot: { ...version.snapshot },
    }));
  }

  /** The project, when it belongs to the caller's team (403 for other participants, 404 when absent). */
  async ownProject(view: HackathonView, id: string): Promise<ProjectEntity> {
    const team = this.access.requireTeam(view);
    const project = await this.projects.findInEvent(view.event.id, id);
    if (!project || (project.teamId !== team.id && !canSee(view, project))) throw notFound(id);
    if (project.teamId !== team.id) throw new HackathonError(HackathonErrorCode.NotInTeam, 'only members of its team may change a project');
    return project;
  }
}
