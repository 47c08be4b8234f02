import { AuthContext, Page, Paginated, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { FLAG_ATTEMPT_ROUTE } from './attempts-fast-path';
import { AttemptsService } from './attempts.service';
import { AttemptLogDto, AttemptResultDto, CreateAttemptDto, ListAttemptsDto } from './dto/attempt.dto';

@ApiTags('ctf')
@ApiBearerAuth()
@Controller('events/:slug')
export class AttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  /** Well-formed calls are answered by AttemptsFastPath before this handler; it answers the rest. */
  @Post('challenges/:id/attempts')
  @HttpCode(200)
  @ApiOkResponse({ type: AttemptResultDto })
  @RouteConfig({ [FLAG_ATTEMPT_ROUTE]: true })
  attempt(
    @CurrentUser() auth: AuthContext,
    @Param('slug') slug: string,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CreateAttemptDto,
    @Req() request: FastifyRequest,
  ): Promise<AttemptResultDto> {
    return this.attempts.attempt(auth, slug, id, dto.submission, request.ip ?? null);
  }

  /** Every attempt, for organisers' review: filters, and the flag-sharing signal (`sharedWith`, `shared`, `windowSeconds`). */
  @Get('attempts')
  @Paginated()
  @ApiOkResponse({ type: [AttemptLogDto] })
  list(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Query() query: ListAttemptsDto): Promise<Page<AttemptLogDto>> {
    return this.attempts.list(auth, slug, query);
  }
}
