import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Normalisation } from '@arena/scoring';
import { JudgingMode } from '../../settings/judging-mode.enum';

export class JudgeBreakdownDto {
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiProperty()
  judgeName: string;
  @ApiProperty({ description: 'the weighted total T (0..1)' })
  raw: number;
  @ApiProperty({ description: "z within this judge's totals" })
  z: number;
  @ApiProperty()
  scores: Record<string, number>;
  @ApiProperty()
  comment: string;
}

/** Organisers only: how a score came about. */
export class BreakdownDto {
  @ApiPropertyOptional({ type: Number, nullable: true })
  meanRaw: number | null;
  @ApiProperty({ type: [JudgeBreakdownDto] })
  judges: JudgeBreakdownDto[];
  @ApiPropertyOptional({ description: 'pairwise: the Crowd-BT mean' })
  mu?: number;
  @ApiPropertyOptional({ description: 'pairwise: the Crowd-BT variance' })
  sigmaSq?: number;
}

export class ResultRowDto {
  @ApiProperty()
  rank: number;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty({ type: [String] })
  tracks: string[];
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'mean z (zscore), mean raw total (none) or μ (pairwise); null when unjudged' })
  score: number | null;
  @ApiProperty({ description: 'judges who scored it (rubric) or votes it was in (pairwise)' })
  judged: number;
  @ApiPropertyOptional({ type: BreakdownDto })
  breakdown?: BreakdownDto;
}

export class TrackResultsDto {
  @ApiProperty()
  track: string;
  @ApiProperty({ type: [ResultRowDto] })
  rows: ResultRowDto[];
}

export class PeoplesChoiceRowDto {
  @ApiProperty()
  rank: number;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty()
  votes: number;
}

export class ResultsDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ enum: JudgingMode })
  mode: JudgingMode;
  @ApiProperty({ enum: Normalisation })
  normalisation: Normalisation;
  @ApiPropertyOptional({ type: String, nullable: true })
  publishedAt: string | null;
  @ApiProperty({ type: [ResultRowDto] })
  overall: ResultRowDto[];
  @ApiProperty({ type: [TrackResultsDto] })
  tracks: TrackResultsDto[];
  @ApiProperty({ type: [PeoplesChoiceRowDto], description: "empty unless people's choice is enabled" })
  peoplesChoice: PeoplesChoiceRowDto[];
}

export class PublishedDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty()
  publishedAt: string;
}

export class UnpublishedDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ type: String, nullable: true, description: 'always null' })
  publishedAt: null;
}

export class HackathonBoardRowDto {
  @ApiProperty()
  rank: number;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  title: string;
  @ApiPropertyOptional({ type: Number, nullable: true })
  score: number | null;
}
