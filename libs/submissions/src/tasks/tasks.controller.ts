import { AuthContext, Page, Paginated, uuidParam } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AcceptedSubmissionDto, ListSubmissionsDto, SelectFinalDto, SubmissionDto } from '../submissions/dto/submission.dto';
import { SubmissionsService } from '../submissions/submissions.service';
import { TaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('ai')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly submissions: SubmissionsService,
  ) {}

  /** Multipart: `groundTruth` (CSV), optional `scorer` and `testInputs` files, and the task's fields. */
  @Post('events/:slug/tasks')
  @ApiConsumes('multipart/form-data')
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Req() request: FastifyRequest): Promise<TaskDto> {
    return this.tasks.create(auth, slug, request);
  }

  @Public()
  @Get('events/:slug/tasks')
  list(@Param('slug') slug: string): Promise<TaskDto[]> {
    return this.tasks.list(slug);
  }

  @Public()
  @Get('events/:slug/tasks/:id')
  get(@Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<TaskDto> {
    return this.tasks.get(slug, id);
  }

  /** Multipart `file` (and `runCommand` for code tasks) → 202 queued. */
  @Post('events/:slug/tasks/:id/submissions')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  submit(
    @CurrentUser() auth: AuthContext,
    @Param('slug') slug: string,
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AcceptedSubmissionDto> {
    return this.submissions.submit(auth, slug, id, request);
  }

  /** The caller's team's submissions (organisers: all, or one team's). */
  @Get('events/:slug/tasks/:id/submissions')
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
  getSubmission(@CurrentUser() auth: AuthContext, @Param('id', uuidParam('id')) id: string): Promise<SubmissionDto> {
    return this.submissions.get(auth, id);
  }

  @Put('submissions/:id/final')
  selectFinal(@CurrentUser() auth: AuthContext, @Param('id', uuidParam('id')) id: string, @Body() dto: SelectFinalDto): Promise<SubmissionDto> {
    return this.submissions.selectFinal(auth, id, dto.final);
  }
}
