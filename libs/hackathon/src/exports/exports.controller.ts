import { AuthContext } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ExportKind, ExportsService } from './exports.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/hackathon/export')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('projects.csv')
  @ApiProduces('text/csv')
  projects(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(auth, slug, 'projects', reply);
  }

  @Get('scores.csv')
  @ApiProduces('text/csv')
  scores(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(auth, slug, 'scores', reply);
  }

  @Get('results.csv')
  @ApiProduces('text/csv')
  results(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(auth, slug, 'results', reply);
  }

  private async send(auth: AuthContext, slug: string, kind: ExportKind, reply: FastifyReply): Promise<void> {
    const csv = await this.exports.export(auth, slug, kind);
    await reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${slug}-${kind}.csv"`).send(csv);
  }
}
