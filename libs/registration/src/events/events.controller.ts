import { AuthContext, Page, Paginated, PlatformRole } from '@arena/common';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Public } from '../auth/decorators/public.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { AddStaffDto, MyEventRolesDto, StaffDto } from './dto/add-staff.dto';
import { CreateEventDto } from './dto/create-event.dto';
import { EventDto } from './dto/event.dto';
import { ListEventsDto } from './dto/list-events.dto';
import { UpdateEventDto } from './dto/update-event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Roles(PlatformRole.Admin, PlatformRole.Organizer)
  @Post()
  @ApiCreatedResponse({ type: EventDto })
  create(@CurrentUser() auth: AuthContext, @Body() dto: CreateEventDto): Promise<EventDto> {
    return this.events.create(auth, dto);
  }

  @Patch(':slug')
  @ApiOkResponse({ type: EventDto })
  update(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: UpdateEventDto): Promise<EventDto> {
    return this.events.update(auth, slug, dto);
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: [EventDto] })
  @Paginated()
  list(@CurrentUser() auth: AuthContext | undefined, @Query() query: ListEventsDto): Promise<Page<EventDto>> {
    return this.events.list(auth, query);
  }

  @Public()
  @Get(':slug')
  @ApiOkResponse({ type: EventDto })
  async get(@Param('slug') slug: string): Promise<EventDto> {
    return EventDto.from(await this.events.getBySlug(slug));
  }

  @ApiCreatedResponse({ type: StaffDto })
  @Post(':slug/staff')
  addStaff(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: AddStaffDto): Promise<StaffDto> {
    return this.events.addStaff(auth, slug, dto);
  }

  /** The caller's own roles in the event (any signed-in user may ask), so pages offer only what the API allows. */
  @Get(':slug/staff/me')
  @ApiOkResponse({ type: MyEventRolesDto })
  myRoles(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<MyEventRolesDto> {
    return this.events.myRoles(auth, slug);
  }

  @ApiOkResponse({ type: [StaffDto] })
  @Get(':slug/staff')
  listStaff(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<StaffDto[]> {
    return this.events.listStaff(auth, slug);
  }
}
