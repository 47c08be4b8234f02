import { PaginationDto } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class LeaderboardQueryDto extends PaginationDto {
  @ApiPropertyOptional({ description: 'a division of the event: its own board with its own ranks' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  division?: string;

  @ApiPropertyOptional({ description: 'AI events: the task (ignored for CTF)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  task?: string;
}

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

export class LeaderboardRowDto {
  @ApiProperty()
  rank: number;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  division: string | null;
  @ApiProperty()
  score: number;
  @ApiPropertyOptional({ type: String, nullable: true })
  lastScoredAt: string | null;
}

export class LeaderboardDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ description: 'true from freezeAt on, for everyone' })
  frozen: boolean;
  @ApiProperty()
  updatedAt: string;
  @ApiProperty({ description: 'teams on this board (for pagination)' })
  total: number;
  @ApiProperty({ type: [LeaderboardRowDto] })
  rows: LeaderboardRowDto[];
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
