import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class DeclareConflictDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teamId: string;

  @ApiPropertyOptional({ example: 'former colleague' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'organisers: the judge concerned (default: the caller)' })
  @IsOptional()
  @IsUUID()
  judgeId?: string;
}

export class ConflictDto {
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  reason: string;
  @ApiProperty({ format: 'uuid' })
  declaredBy: string;
  @ApiProperty()
  createdAt: string;
}

export class JudgeTracksDto {
  @ApiProperty({ type: [String], description: 'empty: every track' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tracks: string[];
}

export class JudgeDto {
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty()
  country: string;
  @ApiProperty({ type: [String] })
  tracks: string[];
}

/** What removing a judge did to their work. */
export class JudgeRemovedDto {
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty({ description: 'active assignments ended (their scores dropped)' })
  recused: number;
  @ApiProperty({ description: 'of those, projects handed to another eligible judge' })
  reassigned: number;
  @ApiProperty({ description: 'of those, projects left without a judge (no eligible judge left)' })
  unassigned: number;
  @ApiProperty({ description: 'rubric score sets dropped' })
  scoresDropped: number;
  @ApiProperty({ description: 'pairwise votes withdrawn' })
  votesWithdrawn: number;
}
