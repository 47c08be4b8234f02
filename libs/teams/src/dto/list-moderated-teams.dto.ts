import { PaginationDto } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The organisers' list of teams: every team, hidden and banned ones too. */
export class ListModeratedTeamsDto extends PaginationDto {
  @ApiPropertyOptional({ description: "part of the team's name, any case" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
