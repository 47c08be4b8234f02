import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext, PlatformRole } from '@arena/common';
import { Logger } from '@nestjs/common';
import { EventEntity, EventsService, RegistrationError, RegistrationErrorCode, RegistrationsService } from '@arena/registration';
import { TeamMemberEntity } from './entities/team-member.entity';
import { TeamEntity } from './entities/team.entity';
import { TeamRole } from './team-role.enum';
import { TeamsError, TeamsErrorCode } from './teams.errors';
import { TeamLock, TeamsRepository, TeamWithMembers } from './teams.repository';
import { TeamsService } from './teams.service';

const HOUR = 3600 * 1000;
const caller: AuthContext = { userId: 'u-caller', role: PlatformRole.User };

function eventWith(overrides: Partial<EventEntity> = {}): EventEntity {
  return Object.assign(new EventEntity(), {
    id: 'e-1',
    slug: 'acs',
    startsAt: new Date(Date.now() + 24 * HOUR),
    endsAt: new Date(Date.now() + 48 * HOUR),
    teamMaxSize: 4,
    teamLockAtStart: true,
    divisions: [],
    ...overrides,
  });
}

const member = (userId: string, role = TeamRole.Member) => Object.assign(new TeamMemberEntity(), { userId, role, teamId: 't-1' });
const team = Object.assign(new TeamEntity(), { id: 't-1', eventId: 'e-1', name: 'Garuda', division: null, inviteCode: 'code' });
const withMembers = (members: TeamMemberEntity[]): TeamWithMembers => Object.assign(new TeamEntity(), team, { members });
const lock = { team, manager: {} } as unknown as TeamLock;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as TeamsError).code;
}

describe('TeamsService', () => {
  let repository: jest.Mocked<TeamsRepository>;
  let events: { getBySlug: jest.Mock; getForOrganiser: jest.Mock };
  let registrations: { assertApproved: jest.Mock; onRejected: jest.Mock; holdApproved: jest.Mock };
  let service: TeamsService;
  let members: TeamMemberEntity[];

  const useEvent = (overrides: Partial<EventEntity>) => events.getBySlug.mockResolvedValue(eventWith(overrides));

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    members = [member('u-captain', TeamRole.Captain), member('u-caller'), member('u-other')];
    const underLock = jest.fn(async (_eventId: string, _key: string, work: (lock: TeamLock) => Promise<unknown>) => work(lock));
    repository = {
      createWithCaptain: jest.fn(async () => withMembers([member(caller.userId, TeamRole.Captain)])),
      withLockByInvite: underLock,
      withLockOfMembership: underLock,
      withLockById: underLock,
      firstReferenceTo: jest.fn(async () => null),
      membersOf: jest.fn(async () => members),
      addMember: jest.fn(async () => 'added' as const),
      removeMember: jest.fn(async () => undefined),
      deleteTeam: jest.fn(async () => undefined),
      transferCaptain: jest.fn(async () => undefined),
      setInviteCode: jest.fn(async () => undefined),
      findWithMembers: jest.fn(async () => withMembers(members)),
    } as unknown as jest.Mocked<TeamsRepository>;
    events = { getBySlug: jest.fn(async () => eventWith()), getForOrganiser: jest.fn(async () => eventWith()) };
    registrations = { assertApproved: jest.fn(async () => undefined), onRejected: jest.fn(), holdApproved: jest.fn(async () => true) };
    service = new TeamsService(
      repository,
      events as unknown as EventsService,
      registrations as unknown as RegistrationsService,
      { changed: jest.fn() } as unknown as LeaderboardNotifier,
    );
  });

  describe('create', () => {
    it('should refuse with unknown-division when the event has divisions and none is given', async () => {
      useEvent({ divisions: ['general', 'student'] });
      expect(await codeOf(service.create(caller, 'acs', { name: 'X' }))).toBe(TeamsErrorCode.UnknownDivision);
      expect(repository.createWithCaptain).not.toHaveBeenCalled();
    });

    it('should refuse with unknown-division when the division is not one of the event divisions', async () => {
      useEvent({ divisions: ['general', 'student'] });
      expect(await codeOf(service.create(caller, 'acs', { name: 'X', division: 'pro' }))).toBe(TeamsErrorCode.UnknownDivision);
    });

    it('should refuse with unknown-division when a division is given and the event has none', async () => {
      expect(await codeOf(service.create(caller, 'acs', { name: 'X', division: 'general' }))).toBe(TeamsErrorCode.UnknownDivision);
    });

    it('should store the division when it is one of the event divisions', async () => {
      useEvent({ divisions: ['general', 'student'] });
      await service.create(caller, 'acs', { name: 'X', division: 'student' });
      expect(repository.createWithCaptain).toHaveBeenCalledWith(expect.objectContaining({ division: 'student', eventId: 'e-1' }), caller.userId, expect.any(Function));
    });

    it('should not create the team when the caller is not approved', async () => {
      registrations.assertApproved.mockRejectedValue(new RegistrationError(RegistrationErrorCode.NotRegistered, 'no'));
      expect(await codeOf(service.create(caller, 'acs', { name: 'X' }))).toBe(RegistrationErrorCode.NotRegistered);
      expect(repository.createWithCaptain).not.toHaveBeenCalled();
    });

    it('should give a fresh base64url invite code of at least 96 bits when each team is created', async () => {
      await service.create(caller, 'acs', { name: 'X' });
      await service.create(caller, 'acs', { name: 'Y' });
      const codes = repository.createWithCaptain.mock.calls.map(([row]) => row.inviteCode);
      for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(codes[0]).not.toBe(codes[1]);
    });

    it.each([
      ['name-taken', TeamsErrorCode.NameTaken],
      ['already-in-team', TeamsErrorCode.AlreadyInTeam],
      ['not-registered', RegistrationErrorCode.NotRegistered],
    ] as const)('should map the %s outcome to its error when the repository reports it', async (outcome, code) => {
      repository.createWithCaptain.mockResolvedValue(outcome);
      expect(await codeOf(service.create(caller, 'acs', { name: 'X' }))).toBe(code);
    });
  });

  describe('join', () => {
    it('should refuse with team-locked and add nobody when the event has started and teams lock at start', async () => {
      useEvent({ startsAt: new Date(Date.now() - HOUR) });
      expect(await codeOf(service.join(caller, 'acs', 'code'))).toBe(TeamsErrorCode.TeamLocked);
      expect(repository.addMember).not.toHaveBeenCalled();
    });

    it('should add the member when the event has started and lockAtStart is false', async () => {
      useEvent({ startsAt: new Date(Date.now() - HOUR), teamLockAtStart: false });
      members = [member('u-captain', TeamRole.Captain)];
      await service.join(caller, 'acs', 'code');
      expect(repository.addMember).toHaveBeenCalledWith(lock, caller.userId);
    });

    it('should refuse with team-full when the team has maxSize members', async () => {
      useEvent({ teamMaxSize: 3 });
      expect(await codeOf(service.join(caller, 'acs', 'code'))).toBe(TeamsErrorCode.TeamFull);
      expect(repository.addMember).not.toHaveBeenCalled();
    });

    it('should refuse with team-not-found when no team has the invite code', async () => {
      repository.withLockByInvite.mockResolvedValue(null);
      expect(await codeOf(service.join(caller, 'acs', 'nope'))).toBe(TeamsErrorCode.TeamNotFound);
    });

    it('should refuse with already-in-team when the insert finds the user in a team', async () => {
      members = [member('u-captain', TeamRole.Captain)];
      repository.addMember.mockResolvedValue('already-in-team');
      expect(await codeOf(service.join(caller, 'acs', 'code'))).toBe(TeamsErrorCode.AlreadyInTeam);
    });

    it('should refuse with not-registered when the registration was withdrawn before the insert', async () => {
      members = [member('u-captain', TeamRole.Captain)];
      repository.addMember.mockResolvedValue('not-registered');
      expect(await codeOf(service.join(caller, 'acs', 'code'))).toBe(RegistrationErrorCode.NotRegistered);
    });
  });

  describe('removeMember', () => {
    it('should refuse with not-captain when a member removes someone else', async () => {
      expect(await codeOf(service.removeMember(caller, 'acs', 'u-other'))).toBe(TeamsErrorCode.NotCaptain);
      expect(repository.removeMember).not.toHaveBeenCalled();
    });

    it('should remove the member when they remove themself', async () => {
      await service.removeMember(caller, 'acs', caller.userId);
      expect(repository.removeMember).toHaveBeenCalledWith(lock, caller.userId);
      expect(repository.transferCaptain).not.toHaveBeenCalled();
    });

    it('should hand captaincy to the longest-standing member when the captain leaves', async () => {
      await service.removeMember({ ...caller, userId: 'u-captain' }, 'acs', 'u-captain');
      expect(repository.removeMember).toHaveBeenCalledWith(lock, 'u-captain');
      expect(repository.transferCaptain).toHaveBeenCalledWith(lock, 'u-caller');
    });

    it('should delete the team when its last member leaves', async () => {
      members = [member(caller.userId, TeamRole.Captain)];
      await service.removeMember(caller, 'acs', caller.userId);
      expect(repository.deleteTeam).toHaveBeenCalledWith(lock);
    });

    it('should refuse with member-not-found when the captain removes a non-member', async () => {
      expect(await codeOf(service.removeMember({ ...caller, userId: 'u-captain' }, 'acs', 'u-stranger'))).toBe(TeamsErrorCode.MemberNotFound);
    });

    it('should refuse with team-locked when the team is locked', async () => {
      useEvent({ startsAt: new Date(Date.now() - HOUR) });
      expect(await codeOf(service.removeMember(caller, 'acs', caller.userId))).toBe(TeamsErrorCode.TeamLocked);
      expect(repository.removeMember).not.toHaveBeenCalled();
    });

    it('should refuse with not-in-team when the caller is in no team', async () => {
      repository.withLockOfMembership.mockResolvedValue(null);
      expect(await codeOf(service.removeMember(caller, 'acs', caller.userId))).toBe(TeamsErrorCode.NotInTeam);
    });
  });

  describe('captain-only actions', () => {
    it('should refuse with not-captain when a member transfers captaincy or rotates the code', async () => {
      expect(await codeOf(service.transferCaptain(caller, 'acs', 'u-other'))).toBe(TeamsErrorCode.NotCaptain);
      expect(await codeOf(service.rotateInviteCode(caller, 'acs'))).toBe(TeamsErrorCode.NotCaptain);
      expect(repository.transferCaptain).not.toHaveBeenCalled();
      expect(repository.setInviteCode).not.toHaveBeenCalled();
    });

    it('should refuse with member-not-found when captaincy goes to a non-member', async () => {
      expect(await codeOf(service.transferCaptain({ ...caller, userId: 'u-captain' }, 'acs', 'u-stranger'))).toBe(TeamsErrorCode.MemberNotFound);
    });

    it('should transfer captaincy when the captain names a member', async () => {
      await service.transferCaptain({ ...caller, userId: 'u-captain' }, 'acs', 'u-other');
      expect(repository.transferCaptain).toHaveBeenCalledWith(lock, 'u-other');
    });

    it('should store a new random invite code when the captain rotates it', async () => {
      await service.rotateInviteCode({ ...caller, userId: 'u-captain' }, 'acs');
      expect(repository.setInviteCode).toHaveBeenCalledWith(lock, expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/));
    });
  });

  describe('disbandAsOrganiser', () => {
    const organiser: AuthContext = { userId: 'u-organiser', role: PlatformRole.User };

    it('should delete the team when no table references it and no registered check finds records', async () => {
      const check = jest.fn(async () => false);
      service.onHistoryCheck(check);
      await service.disbandAsOrganiser(organiser, 'acs', 't-1');
      expect(check).toHaveBeenCalledWith(lock.manager, lock.team);
      expect(repository.deleteTeam).toHaveBeenCalledWith(lock);
    });

    it('should refuse with team-has-history and delete nothing when a table references the team', async () => {
      repository.firstReferenceTo.mockResolvedValue('solves');
      expect(await codeOf(service.disbandAsOrganiser(organiser, 'acs', 't-1'))).toBe(TeamsErrorCode.TeamHasHistory);
      expect(repository.deleteTeam).not.toHaveBeenCalled();
    });

    it('should refuse with team-has-history when a registered check finds records (attempts without a foreign key)', async () => {
      service.onHistoryCheck(async () => false);
      service.onHistoryCheck(async () => true);
      expect(await codeOf(service.disbandAsOrganiser(organiser, 'acs', 't-1'))).toBe(TeamsErrorCode.TeamHasHistory);
      expect(repository.deleteTeam).not.toHaveBeenCalled();
    });

    it('should refuse with banned-team-kept when the team is banned', async () => {
      repository.withLockById.mockImplementation(async (_eventId, _id, work) => work({ ...lock, team: Object.assign(new TeamEntity(), team, { banned: true }) }));
      expect(await codeOf(service.disbandAsOrganiser(organiser, 'acs', 't-1'))).toBe(TeamsErrorCode.BannedTeamKept);
      expect(repository.deleteTeam).not.toHaveBeenCalled();
    });

    it('should refuse with team-not-found when the event has no such team', async () => {
      repository.withLockById.mockResolvedValue(null);
      expect(await codeOf(service.disbandAsOrganiser(organiser, 'acs', 't-other'))).toBe(TeamsErrorCode.TeamNotFound);
    });
  });
});
