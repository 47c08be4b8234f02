import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the caller's team may still submit to a task, as the upload's own checks count it. */
export class QuotaDto {
  @ApiProperty({ format: 'uuid' })
  taskId: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: no daily limit' })
  maxDailySubmissions: number | null;
  @ApiProperty({ description: 'submissions of this UTC day that count (queued, running, scored; failed ones are refunded)' })
  usedToday: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: no limit of either kind' })
  maxSubmissions: number | null;
  @ApiProperty({ description: 'submissions that count, over the whole task' })
  used: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'uploads still allowed today (the daily and the total limit together); null: unlimited' })
  leftToday: number | null;
  @ApiProperty({ description: 'submissions queued or running' })
  inFlight: number;
  @ApiProperty({ description: 'at most this many queued or running at once' })
  maxInFlight: number;
  @ApiProperty({ description: 'when the daily count resets (00:00 UTC)' })
  resetsAt: string;
  @ApiProperty({ description: 'submissions are open now (inside the task window)' })
  open: boolean;
  @ApiProperty({ description: 'finals can still be changed (before the task closes)' })
  finalsOpen: boolean;
  @ApiProperty({ description: 'at most this many finals' })
  maxFinal: number;
  @ApiProperty({ description: 'largest file accepted, in bytes (larger: 413)' })
  maxFileBytes: number;
}
