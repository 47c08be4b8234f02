import { AuthContext } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FlagTestDto, FlagTestResultDto } from './dto/flag-test.dto';
import { FlagTestService } from './flag-test.service';

@ApiTags('ctf')
@ApiBearerAuth()
@Controller('events/:slug/challenges')
export class FlagTestController {
  constructor(private readonly flagTests: FlagTestService) {}

  /** Organisers: which of the given flags a submission would match, with the attempt path's trim and matcher. */
  @Post('flag-test')
  @HttpCode(200)
  @ApiOkResponse({ type: FlagTestResultDto })
  test(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: FlagTestDto): Promise<FlagTestResultDto> {
    return this.flagTests.test(auth, slug, dto);
  }
}
