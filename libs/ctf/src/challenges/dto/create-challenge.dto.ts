import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ChallengeState, ChallengeType, FlagKind } from '../challenge.enums';

export class FlagInputDto {
  @ApiProperty({ enum: FlagKind })
  @IsEnum(FlagKind)
  type: FlagKind;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  content: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  caseInsensitive?: boolean;
}

export class HintInputDto {
  @ApiProperty()
  @IsString()
  @Length(1, 10_000)
  content: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  cost: number;
}

export class CreateChallengeDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  name: string;

  @ApiProperty({ example: 'web' })
  @IsString()
  @Length(1, 64)
  category: string;

  @ApiProperty()
  @IsString()
  @MaxLength(65_536)
  description: string;

  @ApiProperty({ enum: ChallengeType })
  @IsEnum(ChallengeType)
  type: ChallengeType;

  @ApiPropertyOptional({ description: 'standard: the value' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  value?: number;

  @ApiPropertyOptional({ description: 'dynamic: the value before any solve' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  initial?: number;

  @ApiPropertyOptional({ description: 'dynamic: the floor' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minimum?: number;

  @ApiPropertyOptional({ description: 'dynamic: linear points per solve, or logarithmic solves to reach the minimum' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  decay?: number;

  @ApiPropertyOptional({ enum: ['linear', 'logarithmic'], description: 'dynamic only; default logarithmic' })
  @IsOptional()
  @IsIn(['linear', 'logarithmic'])
  function?: 'linear' | 'logarithmic';

  @ApiProperty({ type: [FlagInputDto] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FlagInputDto)
  flags: FlagInputDto[];

  @ApiPropertyOptional({ type: [HintInputDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HintInputDto)
  hints?: HintInputDto[];

  @ApiPropertyOptional({ type: [String], description: 'names of challenges of this event to solve first' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  requirements?: string[];

  @ApiPropertyOptional({ description: 'wrong attempts allowed per team; 0 = unlimited', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  maxAttempts?: number;

  @ApiPropertyOptional({ enum: ChallengeState, default: ChallengeState.Visible })
  @IsOptional()
  @IsEnum(ChallengeState)
  state?: ChallengeState;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  connectionInfo?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  author?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: "credit for the challenge's origin (ctfcli attribution), shown with it; null clears it" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  attribution?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'display order (ascending)' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  position?: number;
}
