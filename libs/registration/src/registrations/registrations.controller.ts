import { AuthContext, Page, Paginated, uuidParam } from '@arena/common';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { CreateRegistrationDto } from './dto/create-registration.dto';
import { DecideRegistrationDto, DecideRegistrationsDto, DecisionsResultDto } from './dto/decide-registration.dto';
import { ListRegistrationsDto } from './dto/list-registrations.dto';
import { RegistrationDto } from './dto/registration.dto';
import { RegistrationsService } from './registrations.service';

@ApiTags('registrations')
@ApiBearerAuth()
@Controller('events/:slug/registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post()
  @ApiCreatedResponse({ type: RegistrationDto })
  register(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateRegistrationDto): Promise<RegistrationDto> {
    return this.registrations.register(auth, slug, dto);
  }

  @Get()
  @Paginated()
  @ApiOkResponse({ type: [RegistrationDto] })
  list(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Query() query: ListRegistrationsDto): Promise<Page<RegistrationDto>> {
    return this.registrations.list(auth, slug, query);
  }

  @Get('me')
  @ApiOkResponse({ type: RegistrationDto })
  mine(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<RegistrationDto> {
    return this.registrations.mine(auth, slug);
  }

  /** Changes the answers while the registration is pending or waitlisted. */
  @Patch('me')
  @ApiOkResponse({ type: RegistrationDto })
  updateAnswers(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateRegistrationDto): Promise<RegistrationDto> {
    return this.registrations.updateAnswers(auth, slug, dto);
  }

  @Delete('me')
  @HttpCode(204)
  withdraw(@CurrentUser() auth: AuthContext, @Param('slug') slug: string): Promise<void> {
    return this.registrations.withdraw(auth, slug);
  }

  /** One decision for many registrations; each is applied or refused on its own. */
  @Post('decisions')
  @HttpCode(200)
  @ApiOkResponse({ type: DecisionsResultDto })
  decideMany(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: DecideRegistrationsDto): Promise<DecisionsResultDto> {
    return this.registrations.decideMany(auth, slug, dto.ids, dto.status);
  }

  @Patch(':id')
  @ApiOkResponse({ type: RegistrationDto })
  decide(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string, @Body() dto: DecideRegistrationDto): Promise<RegistrationDto> {
    return this.registrations.decide(auth, slug, id, dto.status);
  }
}
