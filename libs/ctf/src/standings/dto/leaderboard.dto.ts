import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class HistoryQueryDto {
  @ApiPropertyOptional({ type: Number, default: 10, minimum: 1, maximum: 50 })
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

export class RecentSolvesQueryDto {
  @ApiPropertyOptional({ type: Number, default: 20, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 20;
}

/** One solve of the boards' ticker (projector mode). */
export class RecentSolveDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty({ format: 'uuid' })
  challengeId: string;
  @ApiProperty()
  challengeName: string;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ description: "the challenge's first solve (first blood)" })
  firstBlood: boolean;
}
