import { AuthContext, Page, Paginated, PaginationDto, PlatformRole } from '@arena/common';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Public } from '../auth/decorators/public.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { AddStaffDto, StaffDto } from './dto/add-staff.dto';
import { CreateEventDto } from './dto/create-event.dto';
import { EventDto } from './dto/event.dto';
import { UpdateEventDto } from './dto/update-event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Roles(PlatformRole.Admin, PlatformRole.Organizer)
  @Post()
  create(@CurrentUser() auth: AuthContext, @Body() dto: CreateEventDto): Promise<EventDto> {
    return this.events.create(auth, dto);
  }

  @Patch(':slug')
  update(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: UpdateEventDto): Promise<EventDto> {
    return this.events.update(auth, slug, dto);
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: [EventDto] })
  @Paginated()
  list(@Query() page: PaginationDto): Promise<Page<EventDto>> {
    return this.events.list(page.limit, page.offset);
  }

  @Public()
  @Get(':slug')
  @ApiOkResponse({ type: EventDto })
  async get(@Param('slug') slug: string): Promise<EventDto> {
    return EventDto.from(await this.events.getBySlug(slug));
  }

  @Post(':slug/staff')
  addStaff(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: AddStaffDto): Promise<StaffDto> {
    return this.events.addStaff(auth, slug, dto);
  }

  @Get(':slug/staff')
  listStaff(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<StaffDto[]> {
    return this.events.listStaff(auth, slug);
  }
}
