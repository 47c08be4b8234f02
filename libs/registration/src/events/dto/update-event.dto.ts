import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { AdSettingsDto, CreateEventDto, TeamSettingsDto } from './create-event.dto';

// Nested groups are partial too: `{ teams: { maxSize: 6 } }` keeps minSize.
class UpdateTeamSettingsDto extends PartialType(TeamSettingsDto, { skipNullProperties: false }) {}
class UpdateAdSettingsDto extends PartialType(AdSettingsDto, { skipNullProperties: false }) {}

// Every field optional; null only where it clears a nullable field (skipNullProperties: false keeps
// the other fields' own validators for null). The merged event is checked as a whole.
export class UpdateEventDto extends PartialType(OmitType(CreateEventDto, ['teams', 'ad'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ type: UpdateTeamSettingsDto })
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @ValidateNested()
  @Type(() => UpdateTeamSettingsDto)
  teams?: UpdateTeamSettingsDto;

  @ApiPropertyOptional({ type: UpdateAdSettingsDto, nullable: true, description: 'null removes the settings' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateAdSettingsDto)
  ad?: UpdateAdSettingsDto | null;
}
