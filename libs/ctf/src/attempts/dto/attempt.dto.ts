import { PaginationDto, toIsoTime } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
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

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'attempts made at or after this time' })
  @IsOptional()
  @Transform(toIsoTime)
  @IsDate({ message: 'since must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  since?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'attempts made before this time' })
  @IsOptional()
  @Transform(toIsoTime)
  @IsDate({ message: 'until must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  until?: Date;

  @ApiPropertyOptional({ type: Boolean, description: 'only attempts flagged as possible flag sharing (sharedWith > 0)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'shared must be true or false' })
  shared?: boolean;

  @ApiPropertyOptional({ type: Number, default: 300, minimum: 1, maximum: 86_400, description: 'the flag-sharing window, in seconds' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'windowSeconds must be a whole number of seconds' })
  @Min(1)
  @Max(86_400)
  windowSeconds = 300;
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
  @ApiProperty()
  teamName: string;
  @ApiProperty()
  challengeName: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "the submitter's display name" })
  userName: string | null;
  @ApiProperty({
    description: 'possible flag sharing: how many other teams submitted the identical text (right or wrong) to this challenge within windowSeconds of this attempt (0: none)',
  })
  sharedWith: number;
}
