import { AuthContext } from '@arena/common';
import { CtfStandingsService, CtftimeFeed, HistoryQueryDto, LeaderboardDto, TeamHistoryDto } from '@arena/ctf';
import { AiBoard } from '@arena/submissions';
import { CurrentUser, Public } from '@arena/registration';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BoardQueryDto } from './dto/board-query.dto';
import { LeaderboardService } from './leaderboard.service';

// Boards are public unless the event says otherwise; a token, when sent, shows organisers the live board.
@ApiTags('leaderboards')
@ApiBearerAuth()
@Public()
@Controller('events/:slug')
export class LeaderboardController {
  constructor(
    private readonly ctf: CtfStandingsService,
    private readonly boards: LeaderboardService,
  ) {}

  @Get('leaderboard')
  leaderboard(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string, @Query() query: BoardQueryDto): Promise<LeaderboardDto | AiBoard> {
    return this.boards.board(auth, slug, query);
  }

  /** The score graph: cumulative score over time of the top N teams. */
  @Get('leaderboard/history')
  history(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string, @Query() query: HistoryQueryDto): Promise<TeamHistoryDto[]> {
    return this.ctf.history(auth, slug, query);
  }

  @Get('ctftime.json')
  ctftime(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string): Promise<CtftimeFeed> {
    return this.ctf.ctftime(auth, slug);
  }
}
