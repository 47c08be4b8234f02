import { AuthContext, TtlCache } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
import { assertPlaying, MembershipTeam, TeamsService } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { CtfError, CtfErrorCode } from './ctf.errors';

/** Who is looking at a CTF board, and as of when. */
export interface BoardView {
  event: EventEntity;
  organiser: boolean;
  /** The caller's team (participants), or null. */
  team: MembershipTeam | null;
  /** True from `freezeAt` on, for everyone. */
  frozen: boolean;
  /** Standings, values and solve counts are computed before this time (freezeAt for non-organisers while frozen). */
  cutoff: Date | null;
}

/** From freezeAt on, until organisers reveal the standings after the event. */
export function isFrozen(event: EventEntity, now = new Date()): boolean {
  return event.freezeAt !== null && now >= event.freezeAt && event.revealedAt === null;
}

// The flag-attempt hot path reads events and memberships from memory for this long (other instances: stale at most this).
const HOT_TTL_MS = 1000;

/** Resolves the caller's view of a CTF event; participant-only rules are checked by `requireTeam`. */
@Injectable()
export class CtfAccessService {
  private readonly eventsBySlug = new TtlCache<EventEntity>(HOT_TTL_MS);
  private readonly teamsByMember = new TtlCache<MembershipTeam>(HOT_TTL_MS);

  constructor(
    private readonly events: EventsService,
    private readonly teams: TeamsService,
    notifier: LeaderboardNotifier,
  ) {
    // Changes made through this instance are seen at once (a ban, a removed member: every team change notifies).
    notifier.onChanged((eventId) => {
      this.eventsBySlug.clear();
      this.teamsByMember.dropPrefix(`${eventId}:`);
    });
  }

  /** The participant's view for flag attempts and hint unlocks: from memory when fresh, no organiser lookup. */
  async participantView(auth: AuthContext, slug: string): Promise<BoardView> {
    const event = await this.eventsBySlug.get(slug, () => this.ctfEvent(slug));
    // Only memberships are cached: a user who just joined is never told they have no team.
    const team = await this.teamsByMember
      .get(`${event.id}:${auth.userId}`, async () => {
        const found = await this.teams.teamOf(event.id, auth.userId);
        if (!found) throw new CtfError(CtfErrorCode.NotInTeam, 'join a team of this event first');
        return found;
      })
      .catch((error: unknown) => {
        if (error instanceof CtfError && error.code === CtfErrorCode.NotInTeam) return null;
        throw error;
      });
    const frozen = isFrozen(event);
    return { event, organiser: false, team, frozen, cutoff: frozen ? event.freezeAt : null };
  }

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

  /** A participant's team, once the event has started; a banned team's members are refused (403). */
  requireTeam(view: BoardView): MembershipTeam {
    if (!view.team) throw new CtfError(CtfErrorCode.NotInTeam, 'join a team of this event first');
    if (new Date() < view.event.startsAt) throw new CtfError(CtfErrorCode.NotStarted, 'the event has not started');
    return assertPlaying(view.team);
  }
}
