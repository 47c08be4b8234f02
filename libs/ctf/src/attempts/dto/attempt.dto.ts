import { PaginationDto } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AttemptVerdict } from '../attempt-verdict.enum';

export class CreateAttemptDto {
  @ApiProperty({ example: 'ACS{...}' })
  @IsString()
  @MaxLength(1000)
  submission: string;
}

export class AttemptResultDto {
  @ApiProperty({ enum: AttemptVerdict })
  status: AttemptVerdict;

  @ApiPropertyOptional({ description: "the challenge's value after this attempt" })
  value?: number;
}

export class ListAttemptsDto extends PaginationDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  challengeId?: string;

  @ApiPropertyOptional({ enum: AttemptVerdict })
  @IsOptional()
  @IsEnum(AttemptVerdict)
  verdict?: AttemptVerdict;
}

export class AttemptLogDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  challengeId: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty()
  submission: string;
  @ApiProperty({ enum: AttemptVerdict })
  verdict: AttemptVerdict;
  @ApiPropertyOptional({ type: String, nullable: true })
  ip: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty({ description: "submissions this row stands for: a team's resubmissions to a solved challenge share its already_solved row" })
  count: number;
  @ApiProperty({ description: 'when the latest of them arrived (createdAt when count is 1)' })
  lastAt: string;
}
