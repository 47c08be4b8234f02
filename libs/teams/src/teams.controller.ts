import { AuthContext, Page, Paginated, PaginationDto, uuidParam } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateTeamDto } from './dto/create-team.dto';
import { JoinTeamDto } from './dto/join-team.dto';
import { ListModeratedTeamsDto } from './dto/list-moderated-teams.dto';
import { ModerateTeamDto } from './dto/moderate-team.dto';
import { RenameTeamDto } from './dto/rename-team.dto';
import { ModeratedTeamDto, PublicTeamDto, TeamDto } from './dto/team.dto';
import { TransferCaptainDto } from './dto/transfer-captain.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('events/:slug/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  @ApiCreatedResponse({ type: TeamDto })
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateTeamDto): Promise<TeamDto> {
    return this.teams.create(auth, slug, dto);
  }

  @Post('join')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamDto })
  join(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: JoinTeamDto): Promise<TeamDto> {
    return this.teams.join(auth, slug, dto.inviteCode);
  }

  @Public()
  @Get()
  @Paginated()
  @ApiOkResponse({ type: [PublicTeamDto] })
  list(@Param('slug') slug: string, @Query() page: PaginationDto): Promise<Page<PublicTeamDto>> {
    return this.teams.list(slug, page.limit, page.offset);
  }

  /** Organisers only: every team, hidden and banned ones too, with those flags. */
  @Get('all')
  @Paginated()
  @ApiOkResponse({ type: [ModeratedTeamDto] })
  listModerated(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Query() query: ListModeratedTeamsDto): Promise<Page<ModeratedTeamDto>> {
    return this.teams.listModerated(auth, slug, query);
  }

  @Get('me')
  @ApiOkResponse({ type: TeamDto })
  mine(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<TeamDto> {
    return this.teams.mine(auth, slug);
  }

  /** The captain renames the team, until the teams lock. */
  @Patch('me')
  @ApiOkResponse({ type: TeamDto })
  rename(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: RenameTeamDto): Promise<TeamDto> {
    return this.teams.rename(auth, slug, dto.name);
  }

  /** The captain disbands the team, before the event starts. */
  @Delete('me')
  @HttpCode(204)
  @ApiNoContentResponse()
  disband(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<void> {
    return this.teams.disband(auth, slug);
  }

  @Delete('me/members/:userId')
  @HttpCode(204)
  removeMember(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('userId', uuidParam('userId')) userId: string): Promise<void> {
    return this.teams.removeMember(auth, slug, userId);
  }

  @Post('me/captain')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamDto })
  transferCaptain(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: TransferCaptainDto): Promise<TeamDto> {
    return this.teams.transferCaptain(auth, slug, dto.userId);
  }

  @Post('me/invite-code')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamDto })
  rotateInviteCode(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<TeamDto> {
    return this.teams.rotateInviteCode(auth, slug);
  }

  /** Organisers only: hide or ban a team, bring it back, or move it to another division. */
  @Patch(':id')
  @ApiOkResponse({ type: ModeratedTeamDto })
  moderate(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: ModerateTeamDto): Promise<ModeratedTeamDto> {
    return this.teams.moderate(auth, slug, id, dto);
  }

  /** Organisers only: disband a team that has no contest history yet (409 `team-has-history` otherwise). */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  disbandAsOrganiser(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.teams.disbandAsOrganiser(auth, slug, id);
  }

  /** Organisers only: remove a member, also after the teams lock. */
  @Delete(':id/members/:userId')
  @HttpCode(204)
  removeMemberAsOrganiser(
    @CurrentUser() auth: AuthContext,
    @Param('slug') slug: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<void> {
    return this.teams.removeMemberAsOrganiser(auth, slug, id, userId);
  }
}
