import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ChallengeState, ChallengeType, FlagKind } from '../challenge.enums';

export class HintViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  cost: number;
  @ApiProperty()
  unlocked: boolean;
  @ApiPropertyOptional({ description: 'only once unlocked, when free, or after the event' })
  content?: string;
}

export class FileViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ description: 'download URL (same access as the challenge)' })
  url: string;
  @ApiProperty()
  size: number;
  @ApiProperty()
  sha256: string;
}

export class FirstBloodDto {
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty()
  at: string;
}

/** A challenge as a board shows it: never its flags. */
export class ChallengeViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty()
  category: string;
  @ApiProperty()
  description: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  author: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "credit for the challenge's origin (ctfcli attribution)" })
  attribution: string | null;
  @ApiProperty({ type: [String] })
  tags: string[];
  @ApiPropertyOptional({ type: String, nullable: true })
  connectionInfo: string | null;
  @ApiProperty({ description: 'current value (as of the freeze for participants while frozen)' })
  value: number;
  @ApiProperty()
  solves: number;
  @ApiProperty()
  solvedByMe: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null when unlimited' })
  attemptsLeft: number | null;
  @ApiProperty({ type: [HintViewDto] })
  hints: HintViewDto[];
  @ApiProperty({ type: [FileViewDto] })
  files: FileViewDto[];
  @ApiPropertyOptional({ type: FirstBloodDto, nullable: true })
  firstBlood: FirstBloodDto | null;
  @ApiPropertyOptional({ enum: ChallengeState, description: 'organisers only' })
  state?: ChallengeState;
}

export class FlagViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: FlagKind })
  type: FlagKind;
  @ApiProperty()
  content: string;
  @ApiProperty()
  caseInsensitive: boolean;
}

/** What organisers see and edit: the whole definition, flags included. */
export class ChallengeDetailDto extends ChallengeViewDto {
  @ApiProperty({ enum: ChallengeType })
  type: ChallengeType;
  @ApiPropertyOptional({ enum: ['linear', 'logarithmic'] })
  function: 'linear' | 'logarithmic' | null;
  @ApiProperty()
  initial: number;
  @ApiProperty()
  minimum: number;
  @ApiProperty()
  decay: number;
  @ApiProperty()
  maxAttempts: number;
  @ApiProperty()
  position: number;
  @ApiProperty({ type: [String], description: 'names of the challenges required first' })
  requirements: string[];
  @ApiProperty({ type: [FlagViewDto] })
  flags: FlagViewDto[];
}
