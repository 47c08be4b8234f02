import { AuthContext } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HackathonSettingsDto } from './dto/hackathon-settings.dto';
import { UpdateHackathonSettingsDto } from './dto/update-hackathon-settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/hackathon')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HackathonSettingsDto })
  get(@Param('slug') slug: string): Promise<HackathonSettingsDto> {
    return this.settings.get(slug);
  }

  @Put()
  @ApiOkResponse({ type: HackathonSettingsDto })
  update(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: UpdateHackathonSettingsDto): Promise<HackathonSettingsDto> {
    return this.settings.update(auth, slug, dto);
  }
}
