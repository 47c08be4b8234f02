import { AuthContext } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PairDto, PairwiseStateDto, UndoResultDto, VoteDto, VoteResultDto } from './dto/pairwise.dto';
import { PairwiseService } from './pairwise.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/judging/pairwise')
export class PairwiseController {
  constructor(private readonly pairwise: PairwiseService) {}

  @ApiOkResponse({ type: PairDto })
  @Get('next')
  current(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<PairDto> {
    return this.pairwise.current(auth, slug);
  }

  @ApiCreatedResponse({ type: VoteResultDto })
  @Post('votes')
  vote(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: VoteDto): Promise<VoteResultDto> {
    return this.pairwise.vote(auth, slug, dto);
  }

  /** Withdraws the caller's latest vote; the ranking is replayed without it. */
  @ApiOkResponse({ type: UndoResultDto })
  @Delete('votes/last')
  undo(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<UndoResultDto> {
    return this.pairwise.undo(auth, slug);
  }

  @ApiOkResponse({ type: PairDto })
  @Post('skip')
  @HttpCode(200)
  skip(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<PairDto> {
    return this.pairwise.skip(auth, slug);
  }

  @Get('state')
  state(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<PairwiseStateDto> {
    return this.pairwise.state(auth, slug);
  }
}
