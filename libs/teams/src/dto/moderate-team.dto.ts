import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

// Absent is allowed, null is not (it would clear a required column: a 500 before).
const unlessAbsent = ValidateIf((_dto: object, value: unknown) => value !== undefined);

/** What organisers may change on any team. */
export class ModerateTeamDto {
  @ApiPropertyOptional({ description: 'off the public boards and value calculations, still plays (staff and test teams)' })
  @unlessAbsent
  @IsBoolean()
  hidden?: boolean;

  @ApiPropertyOptional({ description: "disqualified: its members' contest writes are refused (403), off every board but the organisers'" })
  @unlessAbsent
  @IsBoolean()
  banned?: boolean;

  @ApiPropertyOptional({ description: "moves the team to another of the event's divisions (400 naming division otherwise)" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  division?: string;
}
