import { AuthContext, Page, Paginated, PaginationDto } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnnouncementsService } from './announcements.service';
import { AnnouncementDto, CreateAnnouncementDto } from './dto/announcement.dto';

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
}
