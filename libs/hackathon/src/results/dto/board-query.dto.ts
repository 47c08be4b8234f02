import { PaginationDto } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class BoardQueryDto extends PaginationDto {
  @ApiPropertyOptional({ description: "one of the event's tracks: its own ranks" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  track?: string;
}
