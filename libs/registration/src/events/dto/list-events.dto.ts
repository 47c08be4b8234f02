import { PaginationDto } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** GET /events: listed events; platform admins may ask for every event. */
export class ListEventsDto extends PaginationDto {
  @ApiPropertyOptional({ enum: ['unlisted'], description: 'admins only: unlisted events too (403 for anyone else)' })
  @IsOptional()
  @IsIn(['unlisted'])
  include?: 'unlisted';
}
