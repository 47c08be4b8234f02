import { PlatformRole } from '@arena/common';
import { ApiProperty } from '@nestjs/swagger';
import { UserEntity } from '../entities/user.entity';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ example: 'KR' })
  country: string;

  @ApiProperty({ enum: PlatformRole })
  role: PlatformRole;

  static from(user: UserEntity): UserDto {
    return { id: user.id, email: user.email, displayName: user.displayName, country: user.country, role: user.role };
  }
}
