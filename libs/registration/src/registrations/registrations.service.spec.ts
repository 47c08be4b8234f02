import { AuthContext, PlatformRole } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { Logger } from '@nestjs/common';
import { EventEntity } from '../events/entities/event.entity';
import { ApprovalMode } from '../events/event-kind.enum';
import { EventsService } from '../events/events.service';
import { RegistrationErrorCode } from '../registration.errors';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { RegistrationEntity } from './entities/registration.entity';
import { RegistrationStatus } from './registration-status.enum';
import { CapacityLock, RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

const HOUR = 3600 * 1000;
const caller: AuthContext = { userId: 'u-1', role: PlatformRole.User };

function event(over: Partial<EventEntity> = {}): EventEntity {
  return Object.assign(new EventEntity(), {
    id: 'e-1',
    slug: 'acs-2026',
    startsAt: new Date(Date.now() + 24 * HOUR),
    endsAt: new Date(Date.now() + 48 * HOUR),
    registrationOpensAt: null,
    registrationClosesAt: null,
    registrationApproval: ApprovalMode.Auto,
    registrationCapacity: null,
    eligibleCountries: [],
    ...over,
  });
}

function registration(status: RegistrationStatus): RegistrationEntity {
  return Object.assign(new RegistrationEntity(), { id: 'r-1', eventId: 'e-1', userId: 'u-1', status, answers: {}, createdAt: new Date() });
}

type RepositoryMock = jest.Mocked<
  Pick<RegistrationsRepository, 'withCapacityLock' | 'countHoldingPlace' | 'insert' | 'findLocked' | 'findLockedByUser' | 'setStatus' | 'deleteUnlessInTeam' | 'promoteUnderLock'>
>;

describe('RegistrationsService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  let repository: RepositoryMock;
  let events: jest.Mocked<Pick<EventsService, 'getBySlug' | 'getForOrganiser'>>;
  let service: RegistrationsService;
  // The event row as read under the lock (it may differ from the one read before).
  let locked: EventEntity;

  function setUp(stored: EventEntity, holdingPlace = 0): void {
    locked = stored;
    events.getBySlug.mockResolvedValue(stored);
    events.getForOrganiser.mockResolvedValue(stored);
    repository.countHoldingPlace.mockResolvedValue(holdingPlace);
  }

  beforeEach(() => {
    repository = {
      withCapacityLock: jest.fn((_eventId, work) => work({ event: locked, manager: {} } as CapacityLock)) as RepositoryMock['withCapacityLock'],
      countHoldingPlace: jest.fn(),
      insert: jest.fn(async (_lock, row) => Object.assign(new RegistrationEntity(), { id: 'r-new', createdAt: new Date(), ...row })),
      findLocked: jest.fn(),
      findLockedByUser: jest.fn(),
      setStatus: jest.fn(async (_lock, row, status) => Object.assign(row, { status })),
      deleteUnlessInTeam: jest.fn().mockResolvedValue(true),
      promoteUnderLock: jest.fn().mockResolvedValue([]),
    };
    events = { getBySlug: jest.fn(), getForOrganiser: jest.fn() };
    const users = { get: jest.fn().mockResolvedValue(Object.assign(new UserEntity(), { id: 'u-1', country: 'VN' })) };
    service = new RegistrationsService(
      repository as unknown as RegistrationsRepository,
      events as unknown as EventsService,
      users as unknown as UsersService,
      { changed: jest.fn() } as unknown as LeaderboardNotifier,
    );
  });

  describe('register', () => {
    it.each([
      ['approved', 'approval is auto and there is no capacity', ApprovalMode.Auto, null, 0],
      ['approved', 'approval is auto and a place is free', ApprovalMode.Auto, 2, 1],
      ['pending', 'approval is manual and a place is free', ApprovalMode.Manual, null, 5],
      ['waitlisted', 'approval is auto and the event is full', ApprovalMode.Auto, 2, 2],
      ['waitlisted', 'approval is manual and the event is full', ApprovalMode.Manual, 2, 2],
    ])('should choose %s when %s', async (expected, _case, approval, capacity, holding) => {
      setUp(event({ registrationApproval: approval, registrationCapacity: capacity }), holding);
      const dto = await service.register(caller, 'acs-2026', { answers: { size: 'M' } });
      expect(dto.status).toBe(expected);
      expect(repository.insert).toHaveBeenCalledWith(expect.anything(), {
        eventId: 'e-1',
        userId: 'u-1',
        status: expected,
        answers: { size: 'M' },
      });
    });

    it('should decide on the event read under the lock when the capacity changed meanwhile', async () => {
      events.getBySlug.mockResolvedValue(event({ registrationCapacity: null }));
      locked = event({ registrationCapacity: 1 });
      repository.countHoldingPlace.mockResolvedValue(1);
      expect((await service.register(caller, 'acs-2026', {})).status).toBe(RegistrationStatus.Waitlisted);
    });

    it('should refuse the registration when the country is not eligible', async () => {
      setUp(event({ eligibleCountries: ['KR', 'TH'] }));
      await expect(service.register(caller, 'acs-2026', {})).rejects.toMatchObject({ code: RegistrationErrorCode.CountryNotEligible });
      expect(repository.withCapacityLock).not.toHaveBeenCalled();
    });

    it.each([
      ['registration has not opened', { registrationOpensAt: new Date(Date.now() + HOUR) }],
      ['registration has closed', { registrationClosesAt: new Date(Date.now() - HOUR) }],
      ['the event has ended', { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) }],
    ])('should refuse the registration when %s', async (_case, over) => {
      setUp(event(over));
      await expect(service.register(caller, 'acs-2026', {})).rejects.toMatchObject({ code: RegistrationErrorCode.RegistrationClosed });
    });

    it('should report a duplicate when the repository finds the user registered', async () => {
      setUp(event());
      repository.insert.mockResolvedValue(null);
      await expect(service.register(caller, 'acs-2026', {})).rejects.toMatchObject({ code: RegistrationErrorCode.AlreadyRegistered });
    });
  });

  describe('decide', () => {
    it('should refuse to approve a waitlisted registrant when the event is full', async () => {
      setUp(event({ registrationCapacity: 2 }), 2);
      repository.findLocked.mockResolvedValue(registration(RegistrationStatus.Waitlisted));
      await expect(service.decide(caller, 'acs-2026', 'r-1', RegistrationStatus.Approved)).rejects.toMatchObject({
        code: RegistrationErrorCode.EventFull,
      });
      expect(repository.setStatus).not.toHaveBeenCalled();
    });

    it('should approve a pending registrant when the event is full because it holds its place', async () => {
      setUp(event({ registrationCapacity: 2, registrationApproval: ApprovalMode.Manual }), 2);
      repository.findLocked.mockResolvedValue(registration(RegistrationStatus.Pending));
      expect((await service.decide(caller, 'acs-2026', 'r-1', RegistrationStatus.Approved)).status).toBe(RegistrationStatus.Approved);
    });

    it('should promote the waitlist when an approved registrant is rejected', async () => {
      setUp(event({ registrationCapacity: 2 }), 2);
      repository.findLocked.mockResolvedValue(registration(RegistrationStatus.Approved));
      await service.decide(caller, 'acs-2026', 'r-1', RegistrationStatus.Rejected);
      expect(repository.promoteUnderLock).toHaveBeenCalledTimes(1);
    });

    it('should not promote anyone when a waitlisted registrant is rejected', async () => {
      setUp(event({ registrationCapacity: 2 }), 2);
      repository.findLocked.mockResolvedValue(registration(RegistrationStatus.Waitlisted));
      await service.decide(caller, 'acs-2026', 'r-1', RegistrationStatus.Rejected);
      expect(repository.promoteUnderLock).not.toHaveBeenCalled();
    });

    it('should report not found when the registration is not in the event', async () => {
      setUp(event());
      repository.findLocked.mockResolvedValue(null);
      await expect(service.decide(caller, 'acs-2026', 'r-x', RegistrationStatus.Approved)).rejects.toMatchObject({
        code: RegistrationErrorCode.RegistrationNotFound,
      });
    });
  });

  describe('withdraw', () => {
    it('should promote the waitlist when an approved registrant withdraws', async () => {
      setUp(event({ registrationCapacity: 1 }));
      repository.findLockedByUser.mockResolvedValue(registration(RegistrationStatus.Approved));
      await service.withdraw(caller, 'acs-2026');
      expect(repository.promoteUnderLock).toHaveBeenCalledTimes(1);
    });

    it('should refuse to withdraw when the registrant is still in a team', async () => {
      setUp(event());
      repository.findLockedByUser.mockResolvedValue(registration(RegistrationStatus.Approved));
      repository.deleteUnlessInTeam.mockResolvedValue(false);
      await expect(service.withdraw(caller, 'acs-2026')).rejects.toMatchObject({ code: RegistrationErrorCode.StillInTeam });
      expect(repository.promoteUnderLock).not.toHaveBeenCalled();
    });
  });
});
