import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MyVotesDto } from './dto/peoples-choice.dto';
import { PeoplesChoiceService } from './peoples-choice.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug')
export class PeoplesChoiceController {
  constructor(private readonly peoplesChoice: PeoplesChoiceService) {}

  @Post('projects/:id/votes')
  vote(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<MyVotesDto> {
    return this.peoplesChoice.vote(auth, slug, id);
  }

  @Get('peoples-choice/me')
  mine(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<MyVotesDto> {
    return this.peoplesChoice.mine(auth, slug);
  }
}
