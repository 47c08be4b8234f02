import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One row of a board (GET /leaderboard and each `event: leaderboard` of the stream). */
export class BoardRowDto {
  @ApiProperty({ description: 'absolute rank (also with offset); equal only for exactly equal standings' })
  rank: number;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty({ type: String, nullable: true })
  division: string | null;
  @ApiProperty()
  score: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastScoredAt: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "AI boards of custom scorers: every key the scorer wrote for the ranked submission, on this board's split only",
  })
  scores?: Record<string, number>;
  @ApiPropertyOptional({ enum: [true], description: "a disqualified team: on the organisers' live board only" })
  banned?: true;
}

/** An AI event's task, to pick a task board. */
export class BoardTaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
}

/** The leaderboard object of the contract. */
export class BoardResponseDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ description: 'true from freezeAt until organisers reveal, for everyone; organisers still get live rows' })
  frozen: boolean;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  @ApiProperty({ description: 'rows of the whole board (before limit/offset)' })
  total: number;
  @ApiProperty({ type: [BoardRowDto] })
  rows: BoardRowDto[];
  @ApiPropertyOptional({ format: 'uuid', description: 'AI events: the task of this board' })
  taskId?: string;
  @ApiPropertyOptional({ enum: ['public', 'private'], description: 'AI events: which board of the task' })
  board?: 'public' | 'private';
  @ApiPropertyOptional({ type: [BoardTaskDto], description: 'AI events: every task of the event, for the task tabs' })
  tasks?: BoardTaskDto[];
  @ApiPropertyOptional({ type: [String], description: "AI boards: the scorer's keys besides the ranking key, shown as columns from each row's `scores`" })
  columns?: string[];
}

/** One team of the CTFtime feed. */
export class CtftimeStandingDto {
  @ApiProperty({ description: "the board's rank (equal only on exact ties)" })
  pos: number;
  @ApiProperty()
  team: string;
  @ApiProperty()
  score: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', required: ['points', 'time'], properties: { points: { type: 'number' }, time: { type: 'number' } } } })
  taskStats: Record<string, { points: number; time: number }>;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch seconds of the last solve' })
  lastAccept: number | null;
}

/** The CTFtime scoreboard feed. */
export class CtftimeFeedDto {
  @ApiProperty({ type: [String] })
  tasks: string[];
  @ApiProperty({ type: [CtftimeStandingDto] })
  standings: CtftimeStandingDto[];
}
