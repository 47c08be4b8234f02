import { Normalisation } from '@arena/scoring';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HackathonSettingsEntity } from '../entities/hackathon-settings.entity';
import { JudgingMode } from '../judging-mode.enum';

class PeoplesChoiceDto {
  @ApiProperty()
  enabled: boolean;
  @ApiProperty()
  votesPerUser: number;
}

class ArchiveChecksDto {
  @ApiProperty({ type: [String] })
  requiredFiles: string[];
  @ApiPropertyOptional({ type: Number, nullable: true })
  maxArchiveBytes: number | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  command: string | null;
}

export class HackathonSettingsDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ type: [String] })
  tracks: string[];
  @ApiProperty({ enum: Normalisation })
  normalisation: Normalisation;
  @ApiProperty({ enum: JudgingMode })
  mode: JudgingMode;
  @ApiProperty()
  judgingClosed: boolean;
  @ApiPropertyOptional({ type: String, nullable: true })
  resultsPublishedAt: string | null;
  @ApiProperty()
  excludeSameCountryJudges: boolean;
  @ApiProperty({ type: PeoplesChoiceDto })
  peoplesChoice: PeoplesChoiceDto;
  @ApiProperty({ type: ArchiveChecksDto })
  checks: ArchiveChecksDto;
  @ApiProperty({ description: 'largest project archive the api accepts, in bytes (larger: 413); checks.maxArchiveBytes only warns' })
  maxUploadBytes: number;

  static from(settings: HackathonSettingsEntity, maxUploadBytes: number): HackathonSettingsDto {
    return {
      eventId: settings.eventId,
      tracks: settings.tracks,
      normalisation: settings.normalisation,
      mode: settings.mode,
      judgingClosed: settings.judgingClosed,
      resultsPublishedAt: settings.resultsPublishedAt ? settings.resultsPublishedAt.toISOString() : null,
      excludeSameCountryJudges: settings.excludeSameCountryJudges,
      peoplesChoice: { enabled: settings.peoplesChoiceEnabled, votesPerUser: settings.peoplesChoiceVotesPerUser },
      checks: { requiredFiles: settings.requiredFiles, maxArchiveBytes: settings.maxArchiveBytes, command: settings.checkCommand },
      maxUploadBytes,
    };
  }
}
