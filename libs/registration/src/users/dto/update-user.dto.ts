import { PlatformRole } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, ValidateIf } from 'class-validator';

// Absent is allowed, null is not (it would clear a required column).
const unlessAbsent = ValidateIf((_dto: object, value: unknown) => value !== undefined);

/** An admin's change to an account: its platform role, and whether it is disabled (at least one of the two). */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: PlatformRole })
  @unlessAbsent
  @IsEnum(PlatformRole)
  role?: PlatformRole;

  @ApiPropertyOptional({ description: 'true: the user can no longer sign in or refresh, and every session ends at its access token expiry' })
  @unlessAbsent
  @IsBoolean()
  disabled?: boolean;
}
