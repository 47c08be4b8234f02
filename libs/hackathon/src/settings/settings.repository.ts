import { Normalisation } from '@arena/scoring';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JudgingMode } from './judging-mode.enum';
import { HackathonSettingsEntity } from './entities/hackathon-settings.entity';

/** The settings an event has before its organiser changes any. */
export function defaultSettings(eventId: string): HackathonSettingsEntity {
  return Object.assign(new HackathonSettingsEntity(), {
    eventId,
    tracks: [],
    normalisation: Normalisation.ZScore,
    mode: JudgingMode.Rubric,
    judgingClosed: false,
    resultsPublishedAt: null,
    excludeSameCountryJudges: false,
    peoplesChoiceEnabled: false,
    peoplesChoiceVotesPerUser: 1,
    requiredFiles: ['README*'],
    maxArchiveBytes: null,
    checkCommand: null,
  });
}

/** Work done holding the event's settings row: `write` serialises against every other holder, `read` only against writers. */
export interface SettingsLock {
  settings: HackathonSettingsEntity;
  manager: EntityManager;
}

@Injectable()
export class SettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(eventId: string): Promise<HackathonSettingsEntity> {
    return (await this.dataSource.getRepository(HackathonSettingsEntity).findOneBy({ eventId })) ?? defaultSettings(eventId);
  }

  /** Runs `work` in a transaction holding the settings row (created with the defaults when missing). */
  withLock<T>(eventId: string, mode: 'read' | 'write', work: (lock: SettingsLock) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO hackathon_settings (event_id) VALUES ($1) ON CONFLICT DO NOTHING', [eventId]);
      const settings = await manager.findOneOrFail(HackathonSettingsEntity, {
        where: { eventId },
        lock: { mode: mode === 'write' ? 'pessimistic_write' : 'pessimistic_read' },
      });
      return work({ settings, manager });
    });
  }

  async save({ settings, manager }: SettingsLock): Promise<HackathonSettingsEntity> {
    return manager.save(HackathonSettingsEntity, settings);
  }

  /** True once any judge scored or voted: the judging mode and the criteria are then fixed. */
  async hasJudgingData(manager: EntityManager, eventId: string): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM rubric_scores WHERE event_id = $1) OR EXISTS (SELECT 1 FROM pairwise_votes WHERE event_id = $1) AS found`,
      [eventId],
    );
    return rows[0].found;
  }

  async tracksInUse(manager: EntityManager, eventId: string): Promise<string[]> {
    const rows: Array<{ track: string }> = await manager.query('SELECT DISTINCT unnest(tracks) AS track FROM projects WHERE event_id = $1 ORDER BY 1', [eventId]);
    return rows.map((row) => row.track);
  }
}
