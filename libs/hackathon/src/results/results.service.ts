import { AuthContext, Page } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { SettingsRepository } from '../settings/settings.repository';
import { HackathonBoardRowDto, PublishedDto, ResultsDto, UnpublishedDto } from './dto/results.dto';
import { StandingsService } from './standings.service';

const unpublished = () => new HackathonError(HackathonErrorCode.ResultsNotPublished, 'results are not published yet');

/** Results: organisers always see them (with the breakdown); everyone else once they are published. */
@Injectable()
export class ResultsService {
  private readonly logger = new Logger(ResultsService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly settings: SettingsRepository,
    private readonly standings: StandingsService,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  async results(auth: AuthContext | undefined, slug: string): Promise<ResultsDto> {
    const view = await this.access.view(auth, slug);
    if (!view.organiser && !view.settings.resultsPublishedAt) throw unpublished();
    return this.standings.compute(view.settings, view.organiser);
  }

  /** Publishing closes judging; publishing again changes nothing. */
  async publish(auth: AuthContext, slug: string): Promise<PublishedDto> {
    const { event } = await this.access.organiserView(auth, slug);
    const saved = await this.settings.withLock(event.id, 'write', async (lock) => {
      if (lock.settings.resultsPublishedAt) return lock.settings;
      lock.settings.resultsPublishedAt = new Date();
      lock.settings.judgingClosed = true;
      return this.settings.save(lock);
    });
    this.logger.log(`results of event ${event.id} published by user ${auth.userId}`);
    await this.leaderboards.changed(event.id);
    return { eventId: event.id, publishedAt: (saved.resultsPublishedAt as Date).toISOString() };
  }

  /** Unpublishing again changes nothing. */
  async unpublish(auth: AuthContext, slug: string): Promise<UnpublishedDto> {
    const { event } = await this.access.organiserView(auth, slug);
    await this.settings.withLock(event.id, 'write', async (lock) => {
      if (!lock.settings.resultsPublishedAt) return;
      lock.settings.resultsPublishedAt = null;
      await this.settings.save(lock);
    });
    this.logger.log(`results of event ${event.id} unpublished by user ${auth.userId}`);
    await this.leaderboards.changed(event.id);
    return { eventId: event.id, publishedAt: null };
  }

  /** The results as a leaderboard (overall, or one track): team rows with rank and score. */
  async board(auth: AuthContext | undefined, slug: string, track: string | undefined, limit: number, offset: number): Promise<Page<HackathonBoardRowDto>> {
    const results = await this.results(auth, slug);
    const rows = track === undefined ? results.overall : results.tracks.find((item) => item.track === track)?.rows;
    if (!rows) throw new HackathonError(HackathonErrorCode.UnknownTrack, `track ${track} is not a track of this event`);
    const items = rows.slice(offset, offset + limit).map((item) => ({
      rank: item.rank,
      teamId: item.teamId,
      teamName: item.teamName,
      projectId: item.projectId,
      title: item.title,
      score: item.score,
    }));
    return { items, total: rows.length };
  }
}
