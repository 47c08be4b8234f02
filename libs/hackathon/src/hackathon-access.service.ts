import { AuthContext } from '@arena/common';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
import { assertPlaying, MembershipTeam, TeamsService } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { HackathonError, HackathonErrorCode } from './hackathon.errors';
import { HackathonSettingsEntity } from './settings/entities/hackathon-settings.entity';
import { SettingsRepository } from './settings/settings.repository';

/** Who is calling about a hackathon event. */
export interface HackathonView {
  event: EventEntity;
  settings: HackathonSettingsEntity;
  organiser: boolean;
  judge: boolean;
  /** The caller's team in this event, or null. */
  team: MembershipTeam | null;
}

/** Resolves events, settings and the caller's roles; the rules of each use case stay in its service. */
@Injectable()
export class HackathonAccessService {
  constructor(
    private readonly events: EventsService,
    private readonly teams: TeamsService,
    private readonly settings: SettingsRepository,
  ) {}

  async hackathonEvent(slug: string): Promise<EventEntity> {
    const event = await this.events.getBySlug(slug);
    if (event.kind !== EventKind.Hackathon) throw new HackathonError(HackathonErrorCode.WrongEventKind, `event ${slug} is not a hackathon`);
    return event;
  }

  async view(auth: AuthContext | undefined, slug: string): Promise<HackathonView> {
    const event = await this.hackathonEvent(slug);
    const [settings, organiser, judge, team] = await Promise.all([
      this.settings.find(event.id),
      this.events.isOrganiser(auth, event),
      auth ? this.events.isJudge(auth, event) : Promise.resolve(false),
      auth ? this.teams.teamOf(event.id, auth.userId) : Promise.resolve(null),
    ]);
    return { event, settings, organiser, judge, team };
  }

  /** The view, when the caller organises the event (403 otherwise). */
  async organiserView(auth: AuthContext, slug: string): Promise<HackathonView> {
    const event = await this.hackathonEvent(slug);
    await this.events.getForOrganiser(auth, slug);
    return { event, settings: await this.settings.find(event.id), organiser: true, judge: await this.events.isJudge(auth, event), team: null };
  }

  /** The view, when the caller judges the event (403 otherwise). */
  async judgeView(auth: AuthContext, slug: string): Promise<HackathonView> {
    const view = await this.view(auth, slug);
    if (!view.judge) throw new HackathonError(HackathonErrorCode.NotJudge, `only judges of ${slug} may do this`);
    return view;
  }

  /** The caller's team; a banned team's members are refused (403). */
  requireTeam(view: HackathonView): MembershipTeam {
    if (!view.team) throw new HackathonError(HackathonErrorCode.NotInTeam, 'join a team of this event first');
    return assertPlaying(view.team);
  }

  /** Projects can be created and edited until the event ends. */
  assertSubmissionsOpen(view: HackathonView, now = new Date()): void {
    if (now >= view.event.endsAt) {
      throw new HackathonError(HackathonErrorCode.SubmissionsClosed, `submissions closed at ${view.event.endsAt.toISOString()}`);
    }
  }
}
