import { AuthContext, Page, Paginated, PaginationDto, uuidParam } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnnouncementsService } from './announcements.service';
import { AnnouncementDto, CreateAnnouncementDto, UpdateAnnouncementDto } from './dto/announcement.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events/:slug/announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post()
  @ApiCreatedResponse({ type: AnnouncementDto })
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateAnnouncementDto): Promise<AnnouncementDto> {
    return this.announcements.create(auth, slug, dto);
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: [AnnouncementDto] })
  @Paginated()
  list(@Param('slug') slug: string, @Query() page: PaginationDto): Promise<Page<AnnouncementDto>> {
    return this.announcements.list(slug, page.limit, page.offset);
  }

  /** Organisers of the event only; open pages get `announcement-updated` on the stream. */
  @Patch(':id')
  @ApiOkResponse({ type: AnnouncementDto })
  update(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateAnnouncementDto): Promise<AnnouncementDto> {
    return this.announcements.update(auth, slug, id, dto);
  }

  /** Organisers of the event only; open pages get `announcement-deleted` on the stream. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.announcements.remove(auth, slug, id);
  }
}
