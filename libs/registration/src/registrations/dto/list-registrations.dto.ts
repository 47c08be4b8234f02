import { PaginationDto } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { RegistrationStatus } from '../registration-status.enum';

export class ListRegistrationsDto extends PaginationDto {
  @ApiPropertyOptional({ enum: RegistrationStatus })
  @IsOptional()
  @IsEnum(RegistrationStatus)
  status?: RegistrationStatus;

  @ApiPropertyOptional({ description: "Part of the registrant's display name or email, any case" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
