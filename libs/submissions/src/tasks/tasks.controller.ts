import { AuthContext, Page, Paginated, uuidParam } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { QuotaDto } from '../submissions/dto/quota.dto';
import { AcceptedSubmissionDto, ListSubmissionsDto, SelectFinalDto, SubmissionDto } from '../submissions/dto/submission.dto';
import { SubmissionRescoreService } from '../submissions/submission-rescore.service';
import { SubmissionsService } from '../submissions/submissions.service';
import { BundleImportService } from '../bundles/bundle-import.service';
import { BundleImportResultDto } from '../bundles/dto/bundle-import.dto';
import { TaskDto } from './dto/task.dto';
import { EditedTaskDto } from './dto/update-task.dto';
import { TaskEditsService } from './task-edits.service';
import { TasksService } from './tasks.service';

@ApiTags('ai')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly submissions: SubmissionsService,
    private readonly bundles: BundleImportService,
    private readonly rescores: SubmissionRescoreService,
    private readonly edits: TaskEditsService,
  ) {}

  /** Multipart: `groundTruth` (CSV), optional `scorer` and `testInputs` files, and the task's fields. */
  @Post('events/:slug/tasks')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: TaskDto })
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Req() request: FastifyRequest): Promise<TaskDto> {
    return this.tasks.create(auth, slug, request);
  }

  /**
   * Organisers: multipart, the fields of a create (all optional) and any file to replace. Name, description, limits
   * on submissions and the window change any time; how it scores (metric, columns, split, files, scorer, runtime,
   * run limits) only until a submission is scored, then with `rescoreAll=true` (409 otherwise, and while one runs).
   */
  @Patch('events/:slug/tasks/:id')
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ type: EditedTaskDto })
  edit(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Req() request: FastifyRequest): Promise<EditedTaskDto> {
    return this.edits.edit(auth, slug, id, request);
  }

  /** Multipart `file`: a CodaLab (competition.yaml v1) or Codabench (v2) competition bundle; fields `name?`, `runtime?`. */
  @Post('events/:slug/tasks/import')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: BundleImportResultDto })
  importBundle(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Req() request: FastifyRequest): Promise<BundleImportResultDto> {
    return this.bundles.import(auth, slug, request);
  }

  @Public()
  @Get('events/:slug/tasks')
  @ApiOkResponse({ type: [TaskDto] })
  list(@Param('slug') slug: string): Promise<TaskDto[]> {
    return this.tasks.list(slug);
  }

  @Public()
  @Get('events/:slug/tasks/:id')
  @ApiOkResponse({ type: TaskDto })
  get(@Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<TaskDto> {
    return this.tasks.get(slug, id);
  }

  /** Multipart `file` (and `runCommand` for code tasks) → 202 queued. */
  @Post('events/:slug/tasks/:id/submissions')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiAcceptedResponse({ type: AcceptedSubmissionDto })
  submit(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Req() request: FastifyRequest): Promise<AcceptedSubmissionDto> {
    return this.submissions.submit(auth, slug, id, request);
  }

  /** What the caller's team has used and has left of the task's quotas (403 when in no team). */
  @Get('events/:slug/tasks/:id/quota')
  @ApiOkResponse({ type: QuotaDto })
  quota(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<QuotaDto> {
    return this.submissions.quota(auth, slug, id);
  }

  /** The caller's team's submissions (organisers: all, or one team's). */
  @Get('events/:slug/tasks/:id/submissions')
  @ApiOkResponse({ type: [SubmissionDto] })
  @Paginated()
  listSubmissions(
    @CurrentUser() auth: AuthContext,
    @Param('slug') slug: string,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: ListSubmissionsDto,
  ): Promise<Page<SubmissionDto>> {
    return this.submissions.list(auth, slug, id, query);
  }

  @Get('submissions/:id')
  @ApiOkResponse({ type: SubmissionDto })
  getSubmission(@CurrentUser() auth: AuthContext, @Param('id', uuidParam('id')) id: string): Promise<SubmissionDto> {
    return this.submissions.get(auth, id);
  }

  /** Organisers: queue again a submission that failed for a system reason (409 when scored, queued, or failed for its content). */
  @Post('submissions/:id/rescore')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AcceptedSubmissionDto })
  rescore(@CurrentUser() auth: AuthContext, @Param('id', uuidParam('id')) id: string): Promise<AcceptedSubmissionDto> {
    return this.rescores.rescore(auth, id);
  }

  @Put('submissions/:id/final')
  @ApiOkResponse({ type: SubmissionDto })
  selectFinal(@CurrentUser() auth: AuthContext, @Param('id', uuidParam('id')) id: string, @Body() dto: SelectFinalDto): Promise<SubmissionDto> {
    return this.submissions.selectFinal(auth, id, dto.final);
  }
}
