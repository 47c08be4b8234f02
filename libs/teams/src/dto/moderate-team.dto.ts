import { UnlessAbsent } from '@arena/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

/** What organisers may change on any team. */
export class ModerateTeamDto {
  @ApiPropertyOptional({ description: 'off the public boards and value calculations, still plays (staff and test teams)' })
  @UnlessAbsent()
  @IsBoolean()
  hidden?: boolean;

  @ApiPropertyOptional({ description: "disqualified: its members' contest writes are refused (403), off every board but the organisers'" })
  @UnlessAbsent()
  @IsBoolean()
  banned?: boolean;

  @ApiPropertyOptional({ description: "moves the team to another of the event's divisions (400 naming division otherwise)" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  division?: string;
}
