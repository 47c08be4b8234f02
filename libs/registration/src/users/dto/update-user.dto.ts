import { PlatformRole, UnlessAbsent } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum } from 'class-validator';

/** An admin's change to an account: its platform role, and whether it is disabled (at least one of the two). */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: PlatformRole })
  @UnlessAbsent()
  @IsEnum(PlatformRole)
  role?: PlatformRole;

  @ApiPropertyOptional({ description: 'true: the user can no longer sign in or refresh, and every session ends at its access token expiry' })
  @UnlessAbsent()
  @IsBoolean()
  disabled?: boolean;
}
