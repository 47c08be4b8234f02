import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class PutScoresDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { '0b7c…': 4 },
    description: 'a mark for every criterion (by criterion id), within its min..max',
  })
  @IsObject()
  scores: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'for the organisers; never shown to other judges' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;
}

export class ScoreSetDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ format: 'uuid' })
  judgeId: string;
  @ApiPropertyOptional({ description: 'organisers only' })
  judgeName?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'marks by criterion id' })
  scores: Record<string, number>;
  @ApiProperty()
  comment: string;
  @ApiProperty({ description: 'the weighted total T, 0..1' })
  total: number;
  @ApiProperty()
  updatedAt: string;
}
