import { Normalisation } from '@arena/scoring';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { JudgingMode } from '../judging-mode.enum';

// Absent fields keep their value; null is refused except where it clears a nullable field.
const IsOptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class PeoplesChoiceSettingsDto {
  @ApiPropertyOptional({ default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(10)
  votesPerUser?: number;
}

export class ArchiveChecksSettingsDto {
  @ApiPropertyOptional({ type: [String], default: ['README*'], description: 'glob patterns (* and ?), matched case-insensitively at the archive root' })
  @IsOptionalNotNull()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  requiredFiles?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'archives above this size get a failed (warning) size check' })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxArchiveBytes?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'a shell command run in the sandbox in the unpacked archive (e.g. "test -f README.md"); exit 0 passes' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  command?: string | null;
}

/** PUT /events/:slug/hackathon: every field optional, merged into the stored settings. */
export class UpdateHackathonSettingsDto {
  @ApiPropertyOptional({ type: [String], example: ['ai-for-good', 'fintech'] })
  @IsOptionalNotNull()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @Matches(/^[^\p{C}]+$/u, { each: true, message: 'each of tracks must not contain control characters' })
  tracks?: string[];

  @ApiPropertyOptional({ enum: Normalisation, default: Normalisation.ZScore })
  @IsOptionalNotNull()
  @IsEnum(Normalisation)
  normalisation?: Normalisation;

  @ApiPropertyOptional({ enum: JudgingMode, default: JudgingMode.Rubric })
  @IsOptionalNotNull()
  @IsEnum(JudgingMode)
  mode?: JudgingMode;

  @ApiPropertyOptional({ description: 'closed judging refuses new scores and votes' })
  @IsOptionalNotNull()
  @IsBoolean()
  judgingClosed?: boolean;

  @ApiPropertyOptional({ description: 'do not assign judges from the country of any team member' })
  @IsOptionalNotNull()
  @IsBoolean()
  excludeSameCountryJudges?: boolean;

  @ApiPropertyOptional({ type: PeoplesChoiceSettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => PeoplesChoiceSettingsDto)
  peoplesChoice?: PeoplesChoiceSettingsDto;

  @ApiPropertyOptional({ type: ArchiveChecksSettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ArchiveChecksSettingsDto)
  checks?: ArchiveChecksSettingsDto;
}
