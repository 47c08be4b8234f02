import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** What organisers may change on any team. */
export class ModerateTeamDto {
  @ApiPropertyOptional({ description: 'off the public boards and value calculations, still plays (staff and test teams)' })
  @IsOptional()
  @IsBoolean()
  hidden?: boolean;

  @ApiPropertyOptional({ description: "disqualified: its members' contest writes are refused (403), off every board but the organisers'" })
  @IsOptional()
  @IsBoolean()
  banned?: boolean;
}
