import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CHALLENGE_LIST_ROUTE } from './challenge-list-fast-path';
import { ChallengesService } from './challenges.service';
import { ChallengeDetailDto, ChallengeViewDto, FileViewDto } from './dto/challenge.dto';
import { CreateChallengeDto } from './dto/create-challenge.dto';
import { UpdateChallengeDto } from './dto/update-challenge.dto';

// Quotes and non-ASCII in a file name go in the RFC 5987 form.
const contentDisposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

@ApiTags('ctf')
@ApiBearerAuth()
@ApiExtraModels(ChallengeDetailDto, ChallengeViewDto)
@Controller('events/:slug/challenges')
export class ChallengesController {
  constructor(private readonly challenges: ChallengesService) {}

  @Post()
  @ApiCreatedResponse({ type: ChallengeDetailDto })
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateChallengeDto): Promise<ChallengeDetailDto> {
    return this.challenges.create(auth, slug, dto);
  }

  /** Calls with a valid token are answered by ChallengeListFastPath before this handler; it answers the rest. */
  @Get()
  @RouteConfig({ [CHALLENGE_LIST_ROUTE]: true })
  @ApiOkResponse({ type: [ChallengeViewDto] })
  list(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<ChallengeViewDto[]> {
    return this.challenges.list(auth, slug);
  }

  @Get(':id')
  @ApiOkResponse({
    description: 'organisers get the whole definition (ChallengeDetailDto); team members the board view of an open challenge',
    schema: { oneOf: [{ $ref: getSchemaPath(ChallengeDetailDto) }, { $ref: getSchemaPath(ChallengeViewDto) }] },
  })
  get(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<ChallengeDetailDto | ChallengeViewDto> {
    return this.challenges.detail(auth, slug, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ChallengeDetailDto })
  update(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateChallengeDto): Promise<ChallengeDetailDto> {
    return this.challenges.update(auth, slug, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.challenges.remove(auth, slug, id);
  }

  @Post(':id/files')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: [FileViewDto] })
  addFiles(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Req() request: FastifyRequest): Promise<FileViewDto[]> {
    return this.challenges.addFiles(auth, slug, id, request);
  }

  /** Organisers only: removes one attachment (its stored bytes too). */
  @Delete(':id/files/:fileId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeFile(
    @CurrentUser() auth: AuthContext,
    @Param('slug') slug: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('fileId', uuidParam('fileId')) fileId: string,
  ): Promise<void> {
    return this.challenges.removeFile(auth, slug, id, fileId);
  }

  @Get(':id/files/:fileId')
  async download(
    @CurrentUser() auth: AuthContext,
    @Param('slug') slug: string,
    @Param('id', uuidParam('id')) id: string,
    @Param('fileId', uuidParam('fileId')) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.challenges.openFile(auth, slug, id, fileId);
    await reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Length', String(file.size))
      .header('Content-Disposition', contentDisposition(file.name))
      .send(file.stream);
  }
}
