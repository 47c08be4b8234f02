import { AuthContext } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { ChallengeImportService } from './challenge-import.service';
import { ImportResultDto } from './dto/import-result.dto';

@ApiTags('ctf')
@ApiBearerAuth()
@Controller('events/:slug/challenges')
export class ChallengeImportController {
  constructor(private readonly imports: ChallengeImportService) {}

  /** ctfcli import (organiser): a challenge.yml body, or multipart `file` = a .zip of challenge folders. */
  @Post('import')
  @ApiConsumes('application/yaml', 'multipart/form-data')
  @ApiBody({
    description: 'a ctfcli challenge.yml document, or multipart with field `file`: a .zip of challenge folders (each a challenge.yml and its files)',
    schema: { type: 'string' },
  })
  @ApiCreatedResponse({ type: ImportResultDto })
  import(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.imports.import(auth, slug, request);
  }
}
