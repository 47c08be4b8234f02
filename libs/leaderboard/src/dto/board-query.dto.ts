import { PaginationDto } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /events/:slug/leaderboard for every contest kind. */
export class BoardQueryDto extends PaginationDto {
  @ApiPropertyOptional({ description: 'a division of the event: its own board with its own ranks' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  division?: string;

  @ApiPropertyOptional({ description: "AI events: the task's id or name (default: the first task)" })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  task?: string;

  @ApiPropertyOptional({ enum: ['public', 'private'], description: 'AI events: the private board is shown once the event ended (organisers: always)' })
  @IsOptional()
  @IsIn(['public', 'private'])
  board?: 'public' | 'private';

  @ApiPropertyOptional({
    enum: ['live', 'public'],
    description: 'organisers: `public` reads the board as the public sees it (frozen during a freeze); others always get that view',
  })
  @IsOptional()
  @IsIn(['live', 'public'])
  view?: 'live' | 'public';
}

/** The stream takes the board's query, plus the access token EventSource cannot send as a header. */
export class StreamQueryDto extends BoardQueryDto {
  @ApiPropertyOptional({ description: 'access token (browsers’ EventSource cannot send headers)' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  access_token?: string;
}
