import { AuthContext } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AdServiceDto } from './dto/ad-service.dto';
import { AdCheckDto, AdStatusDto, AttackInfoDto } from './dto/ad-status.dto';
import { ListChecksDto } from './dto/list-checks.dto';
import { SubmitFlagsDto, SubmitFlagsResultDto, TeamTokenDto } from './dto/flags.dto';
import { PutVulnboxesDto, VulnboxDto } from './dto/vulnbox.dto';
import { AdFlagsService } from './flags/ad-flags.service';
import { AdServicesService } from './services/ad-services.service';
import { AdStatusService } from './status/ad-status.service';
import { AdVulnboxesService } from './vulnboxes/ad-vulnboxes.service';

@ApiTags('ad')
@ApiBearerAuth()
@Controller('events/:slug/ad')
export class AdController {
  constructor(
    private readonly services: AdServicesService,
    private readonly vulnboxes: AdVulnboxesService,
    private readonly flags: AdFlagsService,
    private readonly status: AdStatusService,
  ) {}

  /** Multipart: `checker` (.zip) and the fields of CreateAdServiceDto. */
  @Post('services')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: AdServiceDto })
  createService(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Req() request: FastifyRequest): Promise<AdServiceDto> {
    return this.services.create(auth, slug, request);
  }

  @Public()
  @Get('services')
  @ApiOkResponse({ type: [AdServiceDto] })
  listServices(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string): Promise<AdServiceDto[]> {
    return this.services.list(auth, slug);
  }

  @Put('vulnboxes')
  @ApiOkResponse({ type: [VulnboxDto] })
  putVulnboxes(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: PutVulnboxesDto): Promise<VulnboxDto[]> {
    return this.vulnboxes.put(auth, slug, dto);
  }

  /** Multipart `file`: a CSV with a header naming `team` (id or name) and `host`. */
  @Post('vulnboxes/import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ type: [VulnboxDto] })
  importVulnboxes(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Req() request: FastifyRequest): Promise<VulnboxDto[]> {
    return this.vulnboxes.importCsv(auth, slug, request);
  }

  @Get('vulnboxes')
  @ApiOkResponse({ type: [VulnboxDto] })
  listVulnboxes(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<VulnboxDto[]> {
    return this.vulnboxes.list(auth, slug);
  }

  @Post('flags')
  @HttpCode(200)
  @ApiOkResponse({ type: SubmitFlagsResultDto })
  submitFlags(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: SubmitFlagsDto): Promise<SubmitFlagsResultDto> {
    return this.flags.submit(auth, slug, dto.flags);
  }

  /** The team's token for the TCP flag submission; organisers get every team's. */
  @Get('tokens')
  @ApiOkResponse({ type: [TeamTokenDto] })
  tokens(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<TeamTokenDto[]> {
    return this.flags.tokens(auth, slug);
  }

  @Public()
  @Get('status')
  @ApiOkResponse({ type: AdStatusDto })
  getStatus(@CurrentUser() auth: AuthContext | undefined, @Param('slug') slug: string): Promise<AdStatusDto> {
    return this.status.status(auth, slug);
  }

  @Get('attack-info')
  @ApiOkResponse({ type: AttackInfoDto })
  attackInfo(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<AttackInfoDto> {
    return this.status.attackInfo(auth, slug);
  }

  /** Organisers: checker runs, newest first, with their output. */
  @Get('checks')
  @ApiOkResponse({ type: [AdCheckDto] })
  checks(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Query() query: ListChecksDto): Promise<AdCheckDto[]> {
    return this.status.checks(auth, slug, query);
  }
}
