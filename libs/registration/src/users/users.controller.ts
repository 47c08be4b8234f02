import { AuthContext, PlatformRole, uuidParam } from '@arena/common';
import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles(PlatformRole.Admin)
  @Patch(':id')
  update(
    @CurrentUser() auth: AuthContext,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.setRole(auth, id, dto.role);
  }
}
