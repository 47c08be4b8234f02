import { AuthContext, TtlCache } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { EventEntity, EventKind, EventsService, UsersService } from '@arena/registration';
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

// The hot paths (flag attempts, challenge lists) read events and organiser checks from memory for this long.
const HOT_TTL_MS = 1000;
// Memberships (read by every flag attempt): every team change is dropped at once in every api process (see
// LeaderboardNotifier.onDefinitionsChanged), so this only bounds a lost message; a shorter life would re-read each
// player's team about once a second through a contest's start.
const MEMBERSHIP_TTL_MS = 30_000;

/** Resolves the caller's view of a CTF event; participant-only rules are checked by `requireTeam`. */
@Injectable()
export class CtfAccessService {
  private readonly eventsBySlug = new TtlCache<EventEntity>(HOT_TTL_MS);
  private readonly teamsByMember = new TtlCache<MembershipTeam>(MEMBERSHIP_TTL_MS);
  private readonly organisers = new TtlCache<boolean>(HOT_TTL_MS);

  constructor(
    private readonly events: EventsService,
    private readonly teams: TeamsService,
    private readonly users: UsersService,
    private readonly notifier: LeaderboardNotifier,
  ) {
    // Changes made through any api process are seen at once (a ban, a removed member: every team change notifies);
    // solves, unlocks and awards change none of these.
    notifier.onDefinitionsChanged((eventId) => {
      this.eventsBySlug.clear();
      if (eventId === null) {
        this.teamsByMember.clear();
        this.organisers.clear();
        return;
      }
      this.teamsByMember.dropPrefix(`${eventId}:`);
      this.organisers.dropPrefix(`${eventId}:`);
    });
  }

  /** The participant's view for flag attempts: from memory when fresh, no organiser lookup. */
  async participantView(auth: AuthContext, slug: string): Promise<BoardView> {
    const event = await this.cachedEvent(slug);
    return this.viewAs(event, false, await this.memberTeam(event.id, auth.userId));
  }

  /** The CTF event, from memory when fresh (changes through this instance drop it at once). */
  cachedEvent(slug: string): Promise<EventEntity> {
    return this.eventsBySlug.get(slug, () => this.ctfEvent(slug));
  }

  /** As `cachedEvent`, synchronously: undefined unless it is in memory and fresh. */
  peekEvent(slug: string): EventEntity | undefined {
    return this.eventsBySlug.peek(slug, () => this.ctfEvent(slug));
  }

  /** The view of a caller whose organiser role and team are known: participants see a frozen board as at freezeAt. */
  viewAs(event: EventEntity, organiser: boolean, team: MembershipTeam | null): BoardView {
    const frozen = isFrozen(event);
    return { event, organiser, team: organiser ? null : team, frozen, cutoff: frozen && !organiser ? event.freezeAt : null };
  }

  async ctfEvent(slug: string): Promise<EventEntity> {
    const event = await this.events.getBySlug(slug);
    if (event.kind !== EventKind.Ctf) throw new CtfError(CtfErrorCode.WrongEventKind, `event ${slug} is not a CTF`);
    return event;
  }

  /** The caller's view (hint unlocks, file downloads): event, organiser check and membership from memory when fresh. */
  async view(auth: AuthContext | undefined, slug: string): Promise<BoardView> {
    const event = await this.cachedEvent(slug);
    const organiser = await this.isOrganiser(auth, event);
    return this.viewAs(event, organiser, auth && !organiser ? await this.memberTeam(event.id, auth.userId) : null);
  }

  // Platform admins too: their role is re-read (EventsService), so a demoted admin's token is not enough.
  private isOrganiser(auth: AuthContext | undefined, event: EventEntity): Promise<boolean> {
    if (!auth) return Promise.resolve(false);
    return this.organisers.get(`${event.id}:${auth.userId}`, () => this.events.isOrganiser(auth, event));
  }

  /** Only found memberships are cached: a user who just joined is never told they have no team. */
  private memberTeam(eventId: string, userId: string): Promise<MembershipTeam | null> {
    const load = async () => {
      const found = await this.teams.teamOf(eventId, userId);
      if (!found) throw new CtfError(CtfErrorCode.NotInTeam, 'join a team of this event first');
      return found;
    };
    // While other processes' changes cannot reach this one, memberships are read fresh.
    const cached = this.notifier.followingOthers ? this.teamsByMember.get(`${eventId}:${userId}`, load) : load();
    return cached.catch((error: unknown) => {
      if (error instanceof CtfError && error.code === CtfErrorCode.NotInTeam) return null;
      throw error;
    });
  }

  /** True when the caller is a platform admin now (the token's role re-read; no query for anyone else). */
  isPlatformAdmin(auth: AuthContext): Promise<boolean> {
    return this.users.isPlatformAdmin(auth);
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
