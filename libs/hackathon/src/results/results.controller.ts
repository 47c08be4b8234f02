import { AuthContext, Page, Paginated } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BoardQueryDto } from './dto/board-query.dto';
import { HackathonBoardRowDto, PublishedDto, ResultsDto, UnpublishedDto } from './dto/results.dto';
import { ResultsService } from './results.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @ApiOkResponse({ type: PublishedDto })
  @Post('results/publish')
  @HttpCode(200)
  publish(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<PublishedDto> {
    return this.results.publish(auth, slug);
  }

  /** Takes the results back from participants and the public (judging stays closed until the settings reopen it). */
  @ApiOkResponse({ type: UnpublishedDto })
  @Post('results/unpublish')
  @HttpCode(200)
  unpublish(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<UnpublishedDto> {
    return this.results.unpublish(auth, slug);
  }

  /** Overall, per track and people's choice; organisers always (with the breakdown), others once published. */
  @Public()
  @ApiOkResponse({ type: ResultsDto })
  @Get('hackathon/results')
  get(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string): Promise<ResultsDto> {
    return this.results.results(auth, slug);
  }

  @Public()
  @Get('hackathon/leaderboard')
  @Paginated()
  board(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string, @Query() query: BoardQueryDto): Promise<Page<HackathonBoardRowDto>> {
    return this.results.board(auth, slug, query.track, query.limit, query.offset);
  }
}
