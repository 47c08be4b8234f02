import { AuthContext } from '@arena/common';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
import { assertPlaying, MembershipTeam, TeamsService } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { AdError, AdErrorCode } from './ad.errors';

/** Resolves attack-defence events and the caller's place in them (organiser, team member). */
@Injectable()
export class AdAccessService {
  constructor(
    private readonly events: EventsService,
    private readonly teams: TeamsService,
  ) {}

  async event(slug: string): Promise<EventEntity> {
    return this.ofKind(await this.events.getBySlug(slug));
  }

  async organiserEvent(auth: AuthContext, slug: string): Promise<EventEntity> {
    return this.ofKind(await this.events.getForOrganiser(auth, slug));
  }

  async isOrganiser(auth: AuthContext | undefined, event: EventEntity): Promise<boolean> {
    if (!auth) return false;
    // Platform admins included, their role re-read.
    return this.events.isOrganiser(auth, event);
  }

  /** The caller's team; 403 when in none, or banned. */
  async team(auth: AuthContext, event: EventEntity): Promise<MembershipTeam> {
    const team = await this.teams.teamOf(event.id, auth.userId);
    if (!team) throw new AdError(AdErrorCode.NotInTeam, 'join a team of this event first');
    return assertPlaying(team);
  }

  canSeeBoards(auth: AuthContext | undefined, event: EventEntity): Promise<boolean> {
    return this.teams.canSeeBoards(auth, event);
  }

  private ofKind(event: EventEntity): EventEntity {
    if (event.kind !== EventKind.Ad) throw new AdError(AdErrorCode.WrongEventKind, `event ${event.slug} is not an attack-defence event`);
    return event;
  }
}
