import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AssignmentsService } from './assignments.service';
import { AssignJudgesDto, AssignmentDto, AssignResultDto, JudgingProgressDto, ReassignDto, RecuseDto } from './dto/assignment.dto';
import { ConflictDto, DeclareConflictDto, JudgeDto, JudgeRemovedDto, JudgeTracksDto } from './dto/judge.dto';
import { JudgeRemovalService } from './judge-removal.service';
import { JudgesService } from './judges.service';
import { JudgingProgressService } from './judging-progress.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/judging')
export class JudgingController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly judges: JudgesService,
    private readonly progressOf: JudgingProgressService,
    private readonly removal: JudgeRemovalService,
  ) {}

  @ApiOkResponse({ type: AssignResultDto })
  @Post('assign')
  @HttpCode(200)
  assign(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: AssignJudgesDto): Promise<AssignResultDto> {
    return this.assignments.assign(auth, slug, dto.judgesPerProject, dto.dryRun);
  }

  @ApiOkResponse({ type: [AssignmentDto] })
  @Get('assignments')
  list(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<AssignmentDto[]> {
    return this.assignments.list(auth, slug);
  }

  @ApiOkResponse({ type: AssignmentDto })
  @Post('assignments/:id/recuse')
  @HttpCode(200)
  recuse(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: RecuseDto): Promise<AssignmentDto> {
    return this.assignments.recuse(auth, slug, id, dto.reason);
  }

  @ApiCreatedResponse({ type: AssignmentDto })
  @Post('assignments/:id/reassign')
  reassign(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: ReassignDto): Promise<AssignmentDto> {
    return this.assignments.reassign(auth, slug, id, dto);
  }

  /** Organisers move an active, unscored assignment to another judge. */
  @ApiOkResponse({ type: AssignmentDto })
  @Post('assignments/:id/move')
  @HttpCode(200)
  move(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: ReassignDto): Promise<AssignmentDto> {
    return this.assignments.move(auth, slug, id, dto);
  }

  @ApiOkResponse({ type: JudgingProgressDto })
  @Get('progress')
  progress(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<JudgingProgressDto> {
    return this.progressOf.progress(auth, slug);
  }

  @ApiOkResponse({ type: [JudgeDto] })
  @Get('judges')
  judgeList(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<JudgeDto[]> {
    return this.judges.list(auth, slug);
  }

  @ApiOkResponse({ type: JudgeDto })
  @Put('judges/:userId')
  setTracks(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('userId', uuidParam('userId')) userId: string, @Body() dto: JudgeTracksDto): Promise<JudgeDto> {
    return this.judges.setTracks(auth, slug, userId, dto.tracks);
  }

  /** Organisers take a judge off the event: their assignments go to other judges, their scores and votes are dropped (409 once judging is closed). */
  @ApiOkResponse({ type: JudgeRemovedDto })
  @Delete('judges/:userId')
  removeJudge(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('userId', uuidParam('userId')) userId: string): Promise<JudgeRemovedDto> {
    return this.removal.remove(auth, slug, userId);
  }

  @ApiCreatedResponse({ type: ConflictDto })
  @Post('conflicts')
  declareConflict(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: DeclareConflictDto): Promise<ConflictDto> {
    return this.judges.declareConflict(auth, slug, dto);
  }

  @ApiOkResponse({ type: [ConflictDto] })
  @Get('conflicts')
  conflicts(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<ConflictDto[]> {
    return this.judges.conflicts(auth, slug);
  }
}
