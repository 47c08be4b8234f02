import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HintsService, UnlockedHint } from './hints.service';

@ApiTags('ctf')
@ApiBearerAuth()
@Controller('events/:slug/hints')
export class HintsController {
  constructor(private readonly hints: HintsService) {}

  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<UnlockedHint> {
    return this.hints.unlock(auth, slug, id);
  }
}
