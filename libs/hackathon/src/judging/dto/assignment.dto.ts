import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { AssignmentStatus } from '../assignment-status.enum';

export class AssignJudgesDto {
  @ApiProperty({ minimum: 1, maximum: 50, example: 3 })
  @IsInt()
  @Min(1)
  @Max(50)
  judgesPerProject: number;

  @ApiPropertyOptional({ default: false, description: 'answer the plan (and the load per judge) without saving it' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class JudgeLoadDto {
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ description: 'projects the plan gives this judge' })
  projects: number;
}

export class PlannedAssignmentDto {
  @ApiProperty({ format: 'uuid', description: "the judge's user id" })
  judgeId: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
}

export class AssignResultDto {
  @ApiProperty({ type: [PlannedAssignmentDto] })
  assignments: PlannedAssignmentDto[];
  @ApiProperty({ description: 'judge loads differ by at most 1' })
  balanced: boolean;
  @ApiProperty({ description: 'the judge–project graph is connected, so normalised scores compare across judges' })
  connected: boolean;
  @ApiProperty({ type: [JudgeLoadDto], description: 'every judge of the event, in the order they were added' })
  loads: JudgeLoadDto[];
  @ApiProperty({ description: 'false for a dry run: nothing was saved' })
  applied: boolean;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid', description: 'the assignment (for recusal and reassignment)' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  scored: boolean;
  @ApiPropertyOptional({ enum: AssignmentStatus, description: 'organisers only' })
  status?: AssignmentStatus;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'organisers only' })
  recusalReason?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'organisers only: the assignment that replaced this recused one' })
  replacedById?: string | null;
}

export class RecuseDto {
  @ApiProperty({ example: 'I mentored this team' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class ReassignDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'default: the least busy eligible judge' })
  @IsOptional()
  @IsUUID()
  judgeId?: string;
}

class JudgeProgressDto {
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty()
  assigned: number;
  @ApiProperty()
  scored: number;
  @ApiProperty()
  recused: number;
  @ApiProperty({ description: 'pairwise votes in force' })
  votes: number;
}

class ProjectProgressDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty()
  assigned: number;
  @ApiProperty()
  scored: number;
}

export class JudgingProgressDto {
  @ApiProperty({ type: [JudgeProgressDto] })
  judges: JudgeProgressDto[];
  @ApiProperty({ type: [ProjectProgressDto] })
  projects: ProjectProgressDto[];
}
