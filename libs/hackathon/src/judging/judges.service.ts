import { AuthContext } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { EventsService } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { SettingsRepository } from '../settings/settings.repository';
import { AssignmentsRepository } from './assignments.repository';
import { ConflictDto, DeclareConflictDto, JudgeDto } from './dto/judge.dto';
import { JudgeConflictEntity } from './entities/judge-conflict.entity';
import { JudgesRepository } from './judges.repository';
import { RecusalsService } from './recusals.service';

const toDto = (conflict: JudgeConflictEntity): ConflictDto => ({
  judgeId: conflict.judgeId,
  teamId: conflict.teamId,
  reason: conflict.reason,
  declaredBy: conflict.declaredBy,
  createdAt: conflict.createdAt.toISOString(),
});

/** Judges of an event: the tracks each judges and the teams each must not judge. */
@Injectable()
export class JudgesService {
  private readonly logger = new Logger(JudgesService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly events: EventsService,
    private readonly judges: JudgesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly settings: SettingsRepository,
    private readonly leaderboards: LeaderboardNotifier,
    private readonly recusals: RecusalsService,
  ) {}

  async list(auth: AuthContext, slug: string): Promise<JudgeDto[]> {
    const { event } = await this.access.organiserView(auth, slug);
    const [judges, tracks] = await Promise.all([this.judges.judges(event.id), this.judges.judgeTracks(event.id)]);
    return judges.map((judge) => ({ judgeId: judge.id, displayName: judge.displayName, country: judge.country, tracks: tracks.get(judge.id) ?? [] }));
  }

  async setTracks(auth: AuthContext, slug: string, judgeId: string, tracks: string[]): Promise<JudgeDto> {
    const { event, settings } = await this.access.organiserView(auth, slug);
    const judge = (await this.judges.judges(event.id)).find((row) => row.id === judgeId);
    if (!judge) throw new HackathonError(HackathonErrorCode.JudgeNotFound, `user ${judgeId} is not a judge of ${slug}`);
    const unknown = tracks.filter((track) => !settings.tracks.includes(track));
    if (unknown.length) throw new HackathonError(HackathonErrorCode.UnknownTrack, `tracks: unknown ${unknown.join(', ')}`);
    await this.judges.setJudgeTracks(event.id, judgeId, tracks);
    return { judgeId, displayName: judge.displayName, country: judge.country, tracks };
  }

  /** A judge declares a conflict for themself; an organiser for any judge. Active assignments to that team end and go to other judges. */
  async declareConflict(auth: AuthContext, slug: string, dto: DeclareConflictDto): Promise<ConflictDto> {
    const view = await this.access.view(auth, slug);
    const judgeId = dto.judgeId ?? auth.userId;
    if (judgeId !== auth.userId) {
      await this.events.getForOrganiser(auth, slug);
      if (!(await this.judges.judges(view.event.id)).some((judge) => judge.id === judgeId)) {
        throw new HackathonError(HackathonErrorCode.JudgeNotFound, `user ${judgeId} is not a judge of ${slug}`);
      }
    } else if (!view.judge) {
      throw new HackathonError(HackathonErrorCode.NotJudge, `only judges of ${slug} declare conflicts`);
    }
    if (!(await this.judges.teamInEvent(view.event.id, dto.teamId))) {
      throw new HackathonError(HackathonErrorCode.TeamNotFound, `team ${dto.teamId} not found`);
    }
    // Once judging closes, the scores are the results: a late conflict would delete the judge's scores and move the
    // published ranking (recusing drops them), so it is refused, as recusing is.
    const closed = () => new HackathonError(HackathonErrorCode.JudgingClosed, 'judging is closed');
    await this.settings.withLock(view.event.id, 'read', ({ settings }) => {
      if (settings.judgingClosed) throw closed();
      return Promise.resolve();
    });
    const conflict = await this.judges.addConflict({ eventId: view.event.id, judgeId, teamId: dto.teamId, reason: dto.reason ?? '', declaredBy: auth.userId });
    for (const assignment of await this.assignments.activeForTeam(view.event.id, judgeId, dto.teamId)) {
      // Checked again under the write lock: judging may have closed since (the conflict stays on record, the scores too).
      await this.settings.withLock(view.event.id, 'write', async ({ manager, settings }) => {
        if (!settings.judgingClosed) await this.recusals.recuseAndReplace(manager, view.event, settings, assignment.id, `conflict: ${conflict.reason}`);
      });
    }
    this.logger.log(`judge ${judgeId} conflicted with team ${dto.teamId} in event ${view.event.id} (by user ${auth.userId})`);
    await this.leaderboards.changed(view.event.id);
    return toDto(conflict);
  }

  /** Organisers see every conflict, a judge their own. */
  async conflicts(auth: AuthContext, slug: string): Promise<ConflictDto[]> {
    const view = await this.access.view(auth, slug);
    if (!view.organiser && !view.judge) throw new HackathonError(HackathonErrorCode.NotJudge, `only judges and organisers of ${slug} see conflicts`);
    return (await this.judges.conflicts(view.event.id, view.organiser ? undefined : auth.userId)).map(toDto);
  }
}
