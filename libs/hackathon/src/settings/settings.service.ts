import { AuthContext } from '@arena/common';
import { AppConfig } from '@arena/config';
import { LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { HackathonSettingsDto } from './dto/hackathon-settings.dto';
import { UpdateHackathonSettingsDto } from './dto/update-hackathon-settings.dto';
import { HackathonSettingsEntity } from './entities/hackathon-settings.entity';
import { SettingsLock, SettingsRepository } from './settings.repository';

@Injectable()
export class SettingsService {
  private readonly logger = new Logger(SettingsService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly settings: SettingsRepository,
    private readonly leaderboards: LeaderboardNotifier,
    private readonly config: AppConfig,
  ) {}

  async get(slug: string): Promise<HackathonSettingsDto> {
    const event = await this.access.hackathonEvent(slug);
    return HackathonSettingsDto.from(await this.settings.find(event.id), this.config.MAX_ATTACHMENT_BYTES);
  }

  async update(auth: AuthContext, slug: string, dto: UpdateHackathonSettingsDto): Promise<HackathonSettingsDto> {
    const { event } = await this.access.organiserView(auth, slug);
    const saved = await this.settings.withLock(event.id, 'write', async (lock) => {
      await this.assertChangeAllowed(lock, dto);
      apply(lock.settings, dto);
      return this.settings.save(lock);
    });
    this.logger.log(`hackathon settings of event ${event.id} changed by user ${auth.userId}`);
    await this.leaderboards.changed(event.id);
    return HackathonSettingsDto.from(saved, this.config.MAX_ATTACHMENT_BYTES);
  }

  private async assertChangeAllowed({ settings, manager }: SettingsLock, dto: UpdateHackathonSettingsDto): Promise<void> {
    if (dto.tracks) {
      const kept = new Set(dto.tracks);
      const dropped = (await this.settings.tracksInUse(manager, settings.eventId)).filter((track) => !kept.has(track));
      if (dropped.length) throw new HackathonError(HackathonErrorCode.TrackInUse, `tracks still used by projects: ${dropped.join(', ')}`);
    }
    if (dto.mode !== undefined && dto.mode !== settings.mode && (await this.settings.hasJudgingData(manager, settings.eventId))) {
      throw new HackathonError(HackathonErrorCode.ModeLocked, 'mode: judges have already scored or voted');
    }
  }
}

function apply(settings: HackathonSettingsEntity, dto: UpdateHackathonSettingsDto): void {
  if (dto.tracks !== undefined) settings.tracks = dto.tracks;
  if (dto.normalisation !== undefined) settings.normalisation = dto.normalisation;
  if (dto.mode !== undefined) settings.mode = dto.mode;
  if (dto.judgingClosed !== undefined) settings.judgingClosed = dto.judgingClosed;
  if (dto.excludeSameCountryJudges !== undefined) settings.excludeSameCountryJudges = dto.excludeSameCountryJudges;
  if (dto.peoplesChoice?.enabled !== undefined) settings.peoplesChoiceEnabled = dto.peoplesChoice.enabled;
  if (dto.peoplesChoice?.votesPerUser !== undefined) settings.peoplesChoiceVotesPerUser = dto.peoplesChoice.votesPerUser;
  if (dto.checks?.requiredFiles !== undefined) settings.requiredFiles = dto.checks.requiredFiles;
  if (dto.checks?.maxArchiveBytes !== undefined) settings.maxArchiveBytes = dto.checks.maxArchiveBytes;
  if (dto.checks?.command !== undefined) settings.checkCommand = dto.checks.command;
}
