import { AuthContext, Page, Paginated, PaginationDto, uuidParam } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AwardsService } from './awards.service';
import { AwardDto, CreateAwardDto } from './dto/award.dto';

@ApiTags('ctf')
@ApiBearerAuth()
@Controller('events/:slug/awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Post()
  @ApiCreatedResponse({ type: AwardDto })
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateAwardDto): Promise<AwardDto> {
    return this.awards.create(auth, slug, dto);
  }

  @Get()
  @Paginated()
  @ApiOkResponse({ type: [AwardDto] })
  list(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Query() page: PaginationDto): Promise<Page<AwardDto>> {
    return this.awards.list(auth, slug, page.limit, page.offset);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.awards.remove(auth, slug, id);
  }
}
