import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext, Page } from '@arena/common';
import { EventEntity, EventsService, LeaderboardVisibility, RegistrationError, RegistrationErrorCode, RegistrationsService } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { CreateTeamDto } from './dto/create-team.dto';
import { ListModeratedTeamsDto } from './dto/list-moderated-teams.dto';
import { ModerateTeamDto } from './dto/moderate-team.dto';
import { TeamMemberEntity } from './entities/team-member.entity';
import { ModeratedTeamDto, PublicTeamDto, TeamDto } from './dto/team.dto';
import { TeamRole } from './team-role.enum';
import { assertPlaying, TeamsError, TeamsErrorCode } from './teams.errors';
import { MembershipTeam, TeamHistoryCheck, TeamLock, TeamsRepository, TeamWithMembers } from './teams.repository';

// 96 random bits, URL-safe.
const newInviteCode = () => randomBytes(12).toString('base64url');

const isLocked = (event: EventEntity, now = new Date()) => event.teamLockAtStart && now >= event.startsAt;

function assertUnlocked(event: EventEntity): void {
  if (isLocked(event)) throw new TeamsError(TeamsErrorCode.TeamLocked, 'teams are locked since the event started');
}

const teamNotFound = (teamId: string) => new TeamsError(TeamsErrorCode.TeamNotFound, `team ${teamId} not found`);

const notRegistered = (event: EventEntity) => new RegistrationError(RegistrationErrorCode.NotRegistered, `an approved registration for ${event.slug} is needed`);

function divisionFor(event: EventEntity, division: string | undefined): string | null {
  if (event.divisions.length === 0) {
    if (division !== undefined) throw new TeamsError(TeamsErrorCode.UnknownDivision, 'division: this event has no divisions');
    return null;
  }
  if (division === undefined || !event.divisions.includes(division)) {
    throw new TeamsError(TeamsErrorCode.UnknownDivision, `division must be one of: ${event.divisions.join(', ')}`);
  }
  return division;
}

@Injectable()
export class TeamsService {
  private readonly logger = new Logger(TeamsService.name);
  private readonly historyChecks: TeamHistoryCheck[] = [];

  constructor(
    private readonly teams: TeamsRepository,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly leaderboards: LeaderboardNotifier,
  ) {
    // A rejected registrant leaves their team in the rejection's own transaction.
    registrations.onRejected(async (manager, eventId, userId) => (await this.teams.lockOfMembershipIn(manager, eventId, userId, (lock) => this.expel(lock, userId))) === true);
  }

  async create(auth: AuthContext, slug: string, dto: CreateTeamDto): Promise<TeamDto> {
    const event = await this.events.getBySlug(slug);
    const division = divisionFor(event, dto.division);
    await this.registrations.assertApproved(auth, event);
    const outcome = await this.teams.createWithCaptain(
      { eventId: event.id, name: dto.name, division, inviteCode: newInviteCode() },
      auth.userId,
      // Checked again in the transaction: a rejection committed meanwhile wins, one in flight waits for it.
      (manager) => this.registrations.holdApproved(manager, event.id, auth.userId),
    );
    if (outcome === 'name-taken') throw new TeamsError(TeamsErrorCode.NameTaken, `a team named ${dto.name} exists`);
    if (outcome === 'already-in-team') throw new TeamsError(TeamsErrorCode.AlreadyInTeam, 'you are already in a team of this event');
    if (outcome === 'not-registered') throw notRegistered(event);
    this.logger.log(`team ${outcome.id} created in event ${event.id} by user ${auth.userId}`);
    // Boards list every team, zero-score ones too.
    await this.leaderboards.changed(event.id);
    return TeamDto.from(outcome);
  }

  async join(auth: AuthContext, slug: string, inviteCode: string): Promise<TeamDto> {
    const event = await this.events.getBySlug(slug);
    await this.registrations.assertApproved(auth, event);
    const teamId = await this.teams.withLockByInvite(event.id, inviteCode, async (lock) => {
      assertUnlocked(event);
      if ((await this.teams.membersOf(lock)).length >= event.teamMaxSize) {
        throw new TeamsError(TeamsErrorCode.TeamFull, `the team is full (${event.teamMaxSize} members)`);
      }
      // Checked again under the team's lock: a rejection committed meanwhile wins, one in flight waits for this join.
      if (!(await this.registrations.holdApproved(lock.manager, event.id, auth.userId))) throw notRegistered(event);
      const added = await this.teams.addMember(lock, auth.userId);
      if (added === 'already-in-team') throw new TeamsError(TeamsErrorCode.AlreadyInTeam, 'you are already in a team of this event');
      if (added === 'not-registered') throw notRegistered(event);
      return lock.team.id;
    });
    if (!teamId) throw new TeamsError(TeamsErrorCode.TeamNotFound, 'no team has this invite code');
    this.logger.log(`user ${auth.userId} joined team ${teamId}`);
    // An organiser may have disbanded it since the join committed (its members are then freed).
    const team = await this.teams.findWithMembers(teamId);
    if (!team) throw new TeamsError(TeamsErrorCode.TeamNotFound, 'the team was disbanded');
    return TeamDto.from(team);
  }

  async mine(auth: AuthContext, slug: string): Promise<TeamDto> {
    const event = await this.events.getBySlug(slug);
    const team = await this.teams.findOfUser(event.id, auth.userId);
    if (!team) throw new TeamsError(TeamsErrorCode.NotInTeam, 'you are not in a team of this event');
    return TeamDto.from(team);
  }

  /** The user's team in the event (id and whether organisers hid or banned it), or null; for other libs' access checks. */
  teamOf(eventId: string, userId: string): Promise<MembershipTeam | null> {
    return this.teams.findMembershipTeam(eventId, userId);
  }

  /** The user's team for a contest write, or null when in none; 403 when the team is banned. */
  async playingTeamOf(eventId: string, userId: string): Promise<MembershipTeam | null> {
    const team = await this.teamOf(eventId, userId);
    return team && assertPlaying(team);
  }

  /** Whether the caller may see the event's boards (its leaderboardVisibility); organisers always may. */
  async canSeeBoards(auth: AuthContext | undefined, event: EventEntity): Promise<boolean> {
    if (await this.events.isOrganiser(auth, event)) return true;
    if (event.leaderboardVisibility === LeaderboardVisibility.Public) return true;
    if (event.leaderboardVisibility === LeaderboardVisibility.Participants && auth) return (await this.teamOf(event.id, auth.userId)) !== null;
    return false;
  }

  /** Organisers hide, ban, restore or move a team to another division; any change recomputes the boards and drops cached memberships at once. */
  async moderate(auth: AuthContext, slug: string, teamId: string, dto: ModerateTeamDto): Promise<ModeratedTeamDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    const flags = {
      ...(dto.hidden === undefined ? {} : { hidden: dto.hidden }),
      ...(dto.banned === undefined ? {} : { banned: dto.banned }),
      // Checked against the event's divisions as at creation: the boards rank per division.
      ...(dto.division === undefined ? {} : { division: divisionFor(event, dto.division) }),
    };
    const changing = Object.keys(flags).length > 0;
    if (changing && !(await this.teams.setModeration(event.id, teamId, flags))) throw teamNotFound(teamId);
    const team = await this.teams.findWithMembers(teamId);
    if (!team || team.eventId !== event.id) throw teamNotFound(teamId);
    if (changing) {
      this.logger.log(`team ${teamId} moderated by user ${auth.userId}: ${JSON.stringify(flags)}`);
      // The notification also clears this instance's cached memberships: a ban refuses the very next attempt.
      await this.leaderboards.changed(event.id);
    }
    return ModeratedTeamDto.from(team);
  }

  /**
   * Organisers remove any member, also after the teams lock (a disqualified player). A removed captain hands over to
   * the longest-standing member; a team left empty stays, with its solves and history, for organisers to judge.
   */
  async removeMemberAsOrganiser(auth: AuthContext, slug: string, teamId: string, userId: string): Promise<void> {
    const event = await this.events.getForOrganiser(auth, slug);
    const removed = await this.teams.withLockById(event.id, teamId, async (lock) => {
      if (!(await this.expel(lock, userId))) return false;
      // Recorded in the same transaction: the removed player cannot come back through a new team or another's invite.
      await this.registrations.markDisqualified(lock.manager, event.id, userId);
      return true;
    });
    if (removed === null) throw teamNotFound(teamId);
    if (!removed) throw new TeamsError(TeamsErrorCode.MemberNotFound, `user ${userId} is not in team ${teamId}`);
    this.logger.log(`user ${userId} removed from team ${teamId} by organiser ${auth.userId}`);
    // Drops cached memberships here at once (the removed player's next attempt is refused) and recomputes the boards.
    await this.leaderboards.changed(event.id);
  }

  /** Other contexts tell here whether a team has records of theirs that no foreign key to teams shows (CTF attempts). */
  onHistoryCheck(check: TeamHistoryCheck): void {
    this.historyChecks.push(check);
  }

  /**
   * Organisers disband a team, before or after the start, while it has no contest history: once it has a solve, an
   * attempt, an award, a submission or any other record, disbanding would erase what organisers must judge (409
   * `team-has-history`: hide or ban it instead). A banned team keeps its row and ban (409 `banned-team-kept`). The
   * members are freed, their registrations untouched: they may join or create another team (as the lock allows).
   */
  async disbandAsOrganiser(auth: AuthContext, slug: string, teamId: string): Promise<void> {
    const event = await this.events.getForOrganiser(auth, slug);
    const disbanded = await this.teams.withLockById(event.id, teamId, async (lock) => {
      if (lock.team.banned) throw new TeamsError(TeamsErrorCode.BannedTeamKept, 'a banned team is kept with its ban: lift the ban first to disband it');
      const table = await this.teams.firstReferenceTo(lock);
      const other = table === null && (await this.hasOtherHistory(lock));
      if (table !== null || other) {
        this.logger.log(`team ${teamId} not disbanded: it has records${table ? ` in ${table}` : ''}`);
        throw new TeamsError(TeamsErrorCode.TeamHasHistory, 'the team has solves, attempts, awards or submissions: hide or ban it instead of disbanding it');
      }
      await this.teams.deleteTeam(lock);
      return true;
    });
    if (disbanded === null) throw teamNotFound(teamId);
    this.logger.log(`team ${teamId} disbanded by organiser ${auth.userId}`);
    // Drops cached memberships at once and takes the team off the boards.
    await this.leaderboards.changed(event.id);
  }

  private async hasOtherHistory(lock: TeamLock): Promise<boolean> {
    for (const check of this.historyChecks) if (await check(lock.manager, lock.team)) return true;
    return false;
  }

  /** Organisers' list: every team of the event, hidden and banned ones too, with those flags; `q` searches names. */
  async listModerated(auth: AuthContext, slug: string, query: ListModeratedTeamsDto): Promise<Page<ModeratedTeamDto>> {
    const event = await this.events.getForOrganiser(auth, slug);
    const page = await this.teams.findPage(event.id, query.limit, query.offset, { withHidden: true, nameLike: query.q?.trim() || undefined });
    return { items: page.items.map(ModeratedTeamDto.from), total: page.total };
  }

  async list(slug: string, limit: number, offset: number): Promise<Page<PublicTeamDto>> {
    const event = await this.events.getBySlug(slug);
    const page = await this.teams.findPage(event.id, limit, offset);
    return { items: page.items.map(PublicTeamDto.from), total: page.total };
  }

  /** The captain removes anyone; a member removes only themself. A leaving captain hands over to the longest-standing member. */
  async removeMember(auth: AuthContext, slug: string, userId: string): Promise<void> {
    const event = await this.events.getBySlug(slug);
    const done = await this.teams.withLockOfMembership(event.id, auth.userId, async (lock) => {
      // A banned team keeps its members and its row (with the ban): only organisers remove anyone from it.
      assertPlaying(lock.team);
      const members = await this.teams.membersOf(lock);
      const caller = members.find((member) => member.userId === auth.userId);
      if (userId !== auth.userId && caller?.role !== TeamRole.Captain) {
        throw new TeamsError(TeamsErrorCode.NotCaptain, 'only the captain may remove other members');
      }
      const target = members.find((member) => member.userId === userId);
      if (!target) throw new TeamsError(TeamsErrorCode.MemberNotFound, `user ${userId} is not in your team`);
      assertUnlocked(event);
      await this.removeUnderLock(lock, members, target.userId, target.role);
      return true;
    });
    if (!done) throw new TeamsError(TeamsErrorCode.NotInTeam, 'you are not in a team of this event');
    this.logger.log(`user ${userId} left a team of event ${event.id} (by user ${auth.userId})`);
    // The last member leaving disbands the team: it leaves the boards.
    await this.leaderboards.changed(event.id);
  }

  async transferCaptain(auth: AuthContext, slug: string, userId: string): Promise<TeamDto> {
    const event = await this.events.getBySlug(slug);
    const teamId = await this.asCaptain(auth, event, async (lock, members) => {
      if (!members.some((member) => member.userId === userId)) {
        throw new TeamsError(TeamsErrorCode.MemberNotFound, `user ${userId} is not in your team`);
      }
      await this.teams.transferCaptain(lock, userId);
      return lock.team.id;
    });
    return TeamDto.from((await this.teams.findWithMembers(teamId)) as TeamWithMembers);
  }

  async rotateInviteCode(auth: AuthContext, slug: string): Promise<TeamDto> {
    const event = await this.events.getBySlug(slug);
    const teamId = await this.asCaptain(auth, event, async (lock) => {
      await this.teams.setInviteCode(lock, newInviteCode());
      return lock.team.id;
    });
    return TeamDto.from((await this.teams.findWithMembers(teamId)) as TeamWithMembers);
  }

  /** The captain renames the team until the teams lock (names are on the boards; organisers judge them from then on). */
  async rename(auth: AuthContext, slug: string, name: string): Promise<TeamDto> {
    const event = await this.events.getBySlug(slug);
    const teamId = await this.asCaptain(auth, event, async (lock) => {
      assertPlaying(lock.team);
      assertUnlocked(event);
      if ((await this.teams.rename(lock, name)) === 'name-taken') throw new TeamsError(TeamsErrorCode.NameTaken, `a team named ${name} exists`);
      return lock.team.id;
    });
    this.logger.log(`team ${teamId} renamed by user ${auth.userId}`);
    await this.leaderboards.changed(event.id);
    return TeamDto.from((await this.teams.findWithMembers(teamId)) as TeamWithMembers);
  }

  /**
   * The captain disbands the team before the event starts, whatever the lock setting: from the start its solves,
   * submissions and history are the organisers' to judge (they remove members instead).
   */
  async disband(auth: AuthContext, slug: string): Promise<void> {
    const event = await this.events.getBySlug(slug);
    const teamId = await this.asCaptain(auth, event, async (lock) => {
      assertPlaying(lock.team);
      if (new Date() >= event.startsAt) throw new TeamsError(TeamsErrorCode.TeamStarted, 'a team cannot be disbanded once the event started');
      await this.teams.deleteTeam(lock);
      return lock.team.id;
    });
    this.logger.log(`team ${teamId} disbanded by user ${auth.userId}`);
    await this.leaderboards.changed(event.id);
  }

  private async asCaptain<T>(auth: AuthContext, event: EventEntity, work: (lock: TeamLock, members: TeamMemberEntity[]) => Promise<T>): Promise<T> {
    const result = await this.teams.withLockOfMembership(event.id, auth.userId, async (lock) => {
      const members = await this.teams.membersOf(lock);
      const caller = members.find((member) => member.userId === auth.userId);
      if (caller?.role !== TeamRole.Captain) throw new TeamsError(TeamsErrorCode.NotCaptain, 'only the captain may do this');
      return { value: await work(lock, members) };
    });
    if (!result) throw new TeamsError(TeamsErrorCode.NotInTeam, 'you are not in a team of this event');
    return result.value;
  }

  /** An organiser's removal, under the team's lock: false when the user is not in it. The team stays even if empty. */
  private async expel(lock: TeamLock, userId: string): Promise<boolean> {
    const members = await this.teams.membersOf(lock);
    const target = members.find((member) => member.userId === userId);
    if (!target) return false;
    await this.teams.removeMember(lock, userId);
    const next = members.find((member) => member.userId !== userId);
    if (target.role === TeamRole.Captain && next) await this.teams.transferCaptain(lock, next.userId);
    return true;
  }

  private async removeUnderLock(lock: TeamLock, members: TeamMemberEntity[], userId: string, role: TeamRole): Promise<void> {
    const remaining = members.filter((member) => member.userId !== userId);
    if (remaining.length === 0) return this.teams.deleteTeam(lock);
    await this.teams.removeMember(lock, userId);
    if (role === TeamRole.Captain) await this.teams.transferCaptain(lock, remaining[0].userId);
  }
}
