import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InviteJudgeDto, InviteJudgeResultDto, JudgeInvitationDto } from './dto/judge-invitation.dto';
import { JudgeInvitationsService } from './judge-invitations.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/judging/invitations')
export class JudgeInvitationsController {
  constructor(private readonly invitations: JudgeInvitationsService) {}

  /** An email with an account: that user is a judge now; without one: a pending invitation the account created with it takes. */
  @ApiCreatedResponse({ type: InviteJudgeResultDto })
  @Post()
  invite(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: InviteJudgeDto): Promise<InviteJudgeResultDto> {
    return this.invitations.invite(auth, slug, dto);
  }

  @ApiOkResponse({ type: [JudgeInvitationDto] })
  @Get()
  list(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<JudgeInvitationDto[]> {
    return this.invitations.list(auth, slug);
  }

  @ApiNoContentResponse()
  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.invitations.revoke(auth, slug, id);
  }
}
