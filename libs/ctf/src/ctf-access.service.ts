import { AuthContext } from '@arena/common';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { CtfError, CtfErrorCode } from './ctf.errors';

/** Who is looking at a CTF board, and as of when. */
export interface BoardView {
  event: EventEntity;
  organiser: boolean;
  /** The caller's team (participants), or null. */
  team: { id: string; hidden: boolean } | null;
  /** True from `freezeAt` on, for everyone. */
  frozen: boolean;
  /** Standings, values and solve counts are computed before this time (freezeAt for non-organisers while frozen). */
  cutoff: Date | null;
}

/** From freezeAt on, until organisers reveal the standings after the event. */
export function isFrozen(event: EventEntity, now = new Date()): boolean {
  return event.freezeAt !== null && now >= event.freezeAt && event.revealedAt === null;
}

/** Resolves the caller's view of a CTF event; participant-only rules are checked by `requireTeam`. */
@Injectable()
export class CtfAccessService {
  constructor(
    private readonly events: EventsService,
    private readonly teams: TeamsService,
  ) {}

  async ctfEvent(slug: string): Promise<EventEntity> {
    const event = await this.events.getBySlug(slug);
    if (event.kind !== EventKind.Ctf) throw new CtfError(CtfErrorCode.WrongEventKind, `event ${slug} is not a CTF`);
    return event;
  }

  async view(auth: AuthContext | undefined, slug: string): Promise<BoardView> {
    const event = await this.ctfEvent(slug);
    const organiser = await this.events.isOrganiser(auth, event);
    const team = auth && !organiser ? await this.teams.teamOf(event.id, auth.userId) : null;
    const frozen = isFrozen(event);
    return { event, organiser, team, frozen, cutoff: frozen && !organiser ? event.freezeAt : null };
  }

  async organiserView(auth: AuthContext, slug: string): Promise<EventEntity> {
    const event = await this.events.getForOrganiser(auth, slug);
    if (event.kind !== EventKind.Ctf) throw new CtfError(CtfErrorCode.WrongEventKind, `event ${slug} is not a CTF`);
    return event;
  }

  /** A participant's team, once the event has started. */
  requireTeam(view: BoardView): { id: string; hidden: boolean } {
    if (!view.team) throw new CtfError(CtfErrorCode.NotInTeam, 'join a team of this event first');
    if (new Date() < view.event.startsAt) throw new CtfError(CtfErrorCode.NotStarted, 'the event has not started');
    return view.team;
  }
}
