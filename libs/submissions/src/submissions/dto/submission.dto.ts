import { PaginationDto } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { SubmissionReport } from '../submission-report';
import { SubmissionStatus } from '../submission-status.enum';

export class SubmissionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  taskId: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty({ enum: SubmissionStatus })
  status: SubmissionStatus;
  @ApiPropertyOptional({ type: Number, nullable: true })
  publicScore: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null for participants until the event ends' })
  privateScore: number | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  failureReason: string | null;
  @ApiProperty({ description: 'participants: messages and each run\'s step, verdict and limit; organisers also runs\' resources, output and unredacted messages' })
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
  @ApiProperty({ description: 'mark (true) or unmark (false) as one of the team\'s 2 final submissions' })
  @IsBoolean()
  final: boolean;
}

export class ListSubmissionsDto extends PaginationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'organisers: one team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}
