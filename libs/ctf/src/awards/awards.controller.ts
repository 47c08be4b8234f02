import { AuthContext, PaginationDto, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AwardsService } from './awards.service';
import { AwardDto, CreateAwardDto } from './dto/award.dto';

@ApiTags('ctf')
@ApiBearerAuth()
@Controller('events/:slug/awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Post()
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateAwardDto): Promise<AwardDto> {
    return this.awards.create(auth, slug, dto);
  }

  @Get()
  async list(
    @CurrentUser() auth: AuthContext,
    @Param('slug') slug: string,
    @Query() page: PaginationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AwardDto[]> {
    const { items, total } = await this.awards.list(auth, slug, page.limit, page.offset);
    void reply.header('X-Total-Count', String(total));
    return items;
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.awards.remove(auth, slug, id);
  }
}
