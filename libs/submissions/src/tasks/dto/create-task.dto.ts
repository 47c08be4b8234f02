import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { MAX_RUN_WALL_SECONDS, toIsoTime } from '@arena/common';
import { IsBoolean, IsDate, IsEnum, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SandboxRuntime } from '@arena/sandbox';
import { ScorerLayout, SubmissionType, TaskMetric } from '../task.enums';

export class TaskLimitsDto {
  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  cpuSeconds?: number;

  @ApiPropertyOptional({ default: 1024 })
  @IsOptional()
  @IsInt()
  @Min(32)
  @Max(16_384)
  memoryMb?: number;

  @ApiPropertyOptional({ default: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RUN_WALL_SECONDS)
  wallSeconds?: number;

  @ApiPropertyOptional({ default: 64, description: 'processes and threads of a run (its pids cgroup)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  processes?: number;
}

// Reads the raw field: with implicit conversion, `value` is already Boolean('false') === true.
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const value = obj[key];
  return value === 'true' ? true : value === 'false' ? false : value;
};

/** The text fields of `POST /events/:slug/tasks` (multipart, beside the files). */
export class CreateTaskDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  name: string;

  @ApiPropertyOptional({ description: 'Markdown shown to participants (raw HTML is not rendered)' })
  // Browsers send multipart text with CRLF line breaks (the form-data encoding): stored as typed, with LF.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value))
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiProperty({ enum: TaskMetric })
  @IsEnum(TaskMetric)
  metric: TaskMetric;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  idColumn: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  targetColumn: string;

  @ApiPropertyOptional({ description: 'a column of the ground truth with values public/private' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  splitColumn?: string;

  @ApiPropertyOptional({ description: 'share of rows on the public board, split seeded by the task id (default 0.3)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  publicFraction?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxDailySubmissions?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxSubmissions?: number;

  @ApiPropertyOptional({ description: 'map_at_k only (default 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  k?: number;

  @ApiPropertyOptional({ enum: SubmissionType, default: SubmissionType.Predictions })
  @IsOptional()
  @IsEnum(SubmissionType)
  submissionType?: SubmissionType;

  @ApiPropertyOptional({ description: 'custom metric: e.g. "python3 score.py"' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  scorerCommand?: string;

  @ApiPropertyOptional({ description: 'custom metric: the key of output/scores.json' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  scoreKey?: string;

  @ApiPropertyOptional({ description: 'custom metric: direction' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  higherIsBetter?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: "the task's own window inside the event's (default: the event's)" })
  @IsOptional()
  @Transform(toIsoTime)
  @IsDate({ message: 'opensAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  opensAt?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'submissions close, and the private board opens, at this time (default: the event end)' })
  @IsOptional()
  @Transform(toIsoTime)
  @IsDate({ message: 'closesAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  closesAt?: Date;

  @ApiPropertyOptional({
    enum: SandboxRuntime,
    default: SandboxRuntime.PythonScientific,
    description: 'what custom scorers and code submissions run with (python-scientific: numpy, scipy, pandas, scikit-learn)',
  })
  @IsOptional()
  @IsEnum(SandboxRuntime)
  runtime?: SandboxRuntime;

  @ApiPropertyOptional({ enum: ScorerLayout, default: ScorerLayout.Arena, description: 'custom metric: codalab runs the scorer as CodaLab/Codabench do (see the README)' })
  @IsOptional()
  @IsEnum(ScorerLayout)
  scorerLayout?: ScorerLayout;

  @ApiPropertyOptional({ type: TaskLimitsDto, description: 'JSON object' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskLimitsDto)
  limits?: TaskLimitsDto;
}
