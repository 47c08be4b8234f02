import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PutScoresDto, ScoreSetDto } from './dto/score-set.dto';
import { ScoresService } from './scores.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/projects/:id/scores')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @ApiOkResponse({ type: ScoreSetDto })
  @Put()
  put(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: PutScoresDto): Promise<ScoreSetDto> {
    return this.scores.put(auth, slug, id, dto);
  }

  @ApiOkResponse({ type: [ScoreSetDto] })
  @Get()
  list(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<ScoreSetDto[]> {
    return this.scores.list(auth, slug, id);
  }
}
