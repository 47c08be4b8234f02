import { AuthContext, Page, Paginated, PaginationDto, uuidParam } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CreateProjectDto } from './dto/create-project.dto';
import { ProjectDto, ProjectVersionDto } from './dto/project.dto';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectArchiveService } from './project-archive.service';
import { ProjectsService } from './projects.service';

// Quotes and non-ASCII in a file name go in the RFC 5987 form.
const contentDisposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly archives: ProjectArchiveService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ProjectDto })
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(auth, slug, dto);
  }

  /** Staff see every project; others their own, and the gallery once the event has ended. */
  @Public()
  @Get()
  @ApiOkResponse({ type: [ProjectDto] })
  @Paginated()
  list(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string, @Query() page: PaginationDto): Promise<Page<ProjectDto>> {
    return this.projects.list(auth, slug, page.limit, page.offset);
  }

  @Get('me')
  @ApiOkResponse({ type: ProjectDto })
  mine(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<ProjectDto> {
    return this.projects.mine(auth, slug);
  }

  @Public()
  @Get(':id')
  @ApiOkResponse({ type: ProjectDto })
  get(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<ProjectDto> {
    return this.projects.get(auth, slug, id);
  }

  @Put(':id')
  @ApiOkResponse({ type: ProjectDto })
  update(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateProjectDto): Promise<ProjectDto> {
    return this.projects.update(auth, slug, id, dto);
  }

  @Get(':id/versions')
  versions(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<ProjectVersionDto[]> {
    return this.projects.versions(auth, slug, id);
  }

  /** Multipart field `file`: a `.zip` of the source (and slides); checked, never rejected for a failed check. */
  @Post(':id/archive')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ type: ProjectDto })
  uploadArchive(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Req() request: FastifyRequest): Promise<ProjectDto> {
    return this.archives.upload(auth, slug, id, request);
  }

  @Get(':id/archive')
  async downloadArchive(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Res() reply: FastifyReply): Promise<void> {
    const archive = await this.archives.open(auth, slug, id);
    await reply
      .header('Content-Type', 'application/zip')
      .header('Content-Length', String(archive.size))
      .header('Content-Disposition', contentDisposition(archive.name))
      .send(archive.stream);
  }
}
