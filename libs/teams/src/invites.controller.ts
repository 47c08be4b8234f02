import { Public } from '@arena/registration';
import { Controller, Get, Ip, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InviteDto } from './dto/invite.dto';
import { InvitesService } from './invites.service';

@ApiTags('teams')
@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  /** Public, so the link can say where it leads before the teammate signs up; wrong codes are limited per address. */
  @Public()
  @Get(':code')
  @ApiOkResponse({ type: InviteDto })
  resolve(@Param('code') code: string, @Ip() address: string): Promise<InviteDto> {
    return this.invites.resolve(code, address);
  }
}
