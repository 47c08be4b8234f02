import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** What organisers may change on any team. */
export class ModerateTeamDto {
  @ApiPropertyOptional({ description: 'hidden (or banned) teams leave every board and do not lower dynamic values' })
  @IsOptional()
  @IsBoolean()
  hidden?: boolean;
}
