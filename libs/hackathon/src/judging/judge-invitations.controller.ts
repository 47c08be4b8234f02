import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClaimJudgeInvitationDto, ClaimJudgeInvitationResultDto, InviteJudgeDto, InviteJudgeResultDto, JudgeInvitationDto } from './dto/judge-invitation.dto';
import { JudgeInvitationsService } from './judge-invitations.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/judging/invitations')
export class JudgeInvitationsController {
  constructor(private readonly invitations: JudgeInvitationsService) {}

  /** An email with an account: that user is a judge now; without one: a pending invitation with a one-time code, which the account with that email claims. */
  @ApiCreatedResponse({ type: InviteJudgeResultDto })
  @Post()
  invite(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: InviteJudgeDto): Promise<InviteJudgeResultDto> {
    return this.invitations.invite(auth, slug, dto);
  }

  /** The signed-in account with the invited email becomes a judge: 404 unknown/spent/revoked code, 403 another account's invitation. */
  @ApiOkResponse({ type: ClaimJudgeInvitationResultDto })
  @Post('claim')
  @HttpCode(200)
  claim(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: ClaimJudgeInvitationDto): Promise<ClaimJudgeInvitationResultDto> {
    return this.invitations.claim(auth, slug, dto);
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
