import { PaginationDto } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class HistoryQueryDto {
  @ApiPropertyOptional({ default: 10, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  top = 10;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  division?: string;
}

export class HistoryPointDto {
  @ApiProperty()
  at: string;
  @ApiProperty()
  score: number;
}

export class TeamHistoryDto {
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty()
  rank: number;
  @ApiProperty({ type: [HistoryPointDto] })
  points: HistoryPointDto[];
}
