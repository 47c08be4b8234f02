import { AuthContext, PlatformRole, uuidParam } from '@arena/common';
import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
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

  @Roles(PlatformRole.Admin)
  @ApiOkResponse({ type: UserDto })
  @Patch(':id')
  update(
    @CurrentUser() auth: AuthContext,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.setRole(auth, id, dto.role);
  }
}
