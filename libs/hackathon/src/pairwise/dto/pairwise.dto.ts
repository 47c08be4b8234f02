import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class PairProjectDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  summary: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty()
  repoUrl: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  videoUrl: string | null;
}

/** The judge's comparison: `prev` (seen last) against `next`; `next` is null when nothing is left to show. */
export class PairDto {
  @ApiPropertyOptional({ type: PairProjectDto, nullable: true })
  prev: PairProjectDto | null;
  @ApiPropertyOptional({ type: PairProjectDto, nullable: true })
  next: PairProjectDto | null;
}

export class VoteDto {
  @ApiProperty({ format: 'uuid', description: 'the better of the current pair' })
  @IsUUID()
  winnerId: string;

  @ApiProperty({ format: 'uuid', description: 'the other one' })
  @IsUUID()
  loserId: string;
}

export class VoteResultDto extends PairDto {
  @ApiProperty({ description: 'the position of the vote in the log' })
  voteId: string;
}

export class UndoResultDto extends PairDto {
  @ApiProperty({ description: 'the vote withdrawn' })
  undoneVoteId: string;
}

class ItemStateDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  mu: number;
  @ApiProperty()
  sigmaSq: number;
}

class JudgeStateDto {
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty()
  alpha: number;
  @ApiProperty()
  beta: number;
  @ApiProperty()
  votes: number;
}

/** Crowd-BT beliefs replayed from the votes in force (organisers). */
export class PairwiseStateDto {
  @ApiProperty()
  votes: number;
  @ApiProperty({ type: [ItemStateDto] })
  projects: ItemStateDto[];
  @ApiProperty({ type: [JudgeStateDto] })
  judges: JudgeStateDto[];
}
