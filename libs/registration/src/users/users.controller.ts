import { AuthContext, Page, Paginated, PlatformRole, uuidParam } from '@arena/common';
import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { AdminUserDto, ListUsersDto } from './dto/admin-user.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  // The caller's own display name and country (the role is the admins' to set).
  @ApiOkResponse({ type: UserDto })
  @Patch('me')
  updateMe(@CurrentUser() auth: AuthContext, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.users.updateProfile(auth, dto);
  }

  /** Admins: every account, searched by email or name and filtered by role. */
  @Roles(PlatformRole.Admin)
  @ApiOkResponse({ type: [AdminUserDto] })
  @Paginated()
  @Get()
  list(@CurrentUser() auth: AuthContext, @Query() query: ListUsersDto): Promise<Page<AdminUserDto>> {
    return this.users.list(auth, query);
  }

  /** Admins: the role and the disabled state (a disabled user cannot sign in or refresh). */
  @Roles(PlatformRole.Admin)
  @ApiOkResponse({ type: AdminUserDto })
  @Patch(':id')
  update(@CurrentUser() auth: AuthContext, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<AdminUserDto> {
    return this.users.update(auth, id, dto);
  }
}
