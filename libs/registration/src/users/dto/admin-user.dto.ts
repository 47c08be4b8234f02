import { PaginationDto, PlatformRole } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { UserEntity } from '../entities/user.entity';
import { UserDto } from './user.dto';

/** A user as the platform's admins see it. */
export class AdminUserDto extends UserDto {
  @ApiProperty()
  disabled: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static fromEntity(user: UserEntity): AdminUserDto {
    return { ...UserDto.from(user), disabled: user.disabledAt !== null, createdAt: user.createdAt.toISOString() };
  }
}

/** GET /users: admins search every account. */
export class ListUsersDto extends PaginationDto {
  @ApiPropertyOptional({ description: 'part of the email or the display name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: PlatformRole })
  @IsOptional()
  @IsEnum(PlatformRole)
  role?: PlatformRole;
}
