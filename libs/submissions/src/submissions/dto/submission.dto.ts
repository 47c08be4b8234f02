import { PaginationDto } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { SubmissionReport } from '../submission-report';
import { SubmissionStatus } from '../submission-status.enum';

class RunFactsDto {
  @ApiProperty()
  step: string;
  @ApiProperty()
  verdict: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  limit: string | null;
}

/** The report's shape in the API document (organisers get further fields). */
class SubmissionReportDto {
  @ApiProperty({ type: [String], description: "the platform's messages: which limit was hit, which row was bad" })
  messages: string[];
  @ApiPropertyOptional({ type: [RunFactsDto] })
  runs?: RunFactsDto[];
}

export class SubmissionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  taskId: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty({ description: "the team's name (organisers list every team's submissions)" })
  teamName: string;
  @ApiProperty({ enum: SubmissionStatus })
  status: SubmissionStatus;
  @ApiPropertyOptional({ type: Number, nullable: true })
  publicScore: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null for participants until the event ends' })
  privateScore: number | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, nullable: true, description: 'custom scorers: every key the scorer wrote on the public split' })
  publicScores: Record<string, number> | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'custom scorers: every key of the private split; null for participants until the task ends',
  })
  privateScores: Record<string, number> | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  failureReason: string | null;
  @ApiProperty({
    type: SubmissionReportDto,
    description: "participants: messages and each run's step, verdict and limit; organisers also runs' resources, output and unredacted messages",
  })
  report: SubmissionReport;
  @ApiProperty()
  selectedFinal: boolean;
  @ApiProperty()
  createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  scoredAt: string | null;
}

export class AcceptedSubmissionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: [SubmissionStatus.Queued] })
  status: SubmissionStatus;
}

export class SelectFinalDto {
  @ApiProperty({ description: "mark (true) or unmark (false) as one of the team's 2 final submissions" })
  @IsBoolean()
  final: boolean;
}

export class ListSubmissionsDto extends PaginationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'organisers: one team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}
