import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext, PlatformRole } from '@arena/common';
import { Logger } from '@nestjs/common';
import { RegistrationErrorCode } from '../registration.errors';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { UsersService } from '../users/users.service';
import { CreateEventDto } from './dto/create-event.dto';
import { UpdateEventDto } from './dto/update-event.dto';
import { EventEntity } from './entities/event.entity';
import { ApprovalMode, EventKind, LeaderboardVisibility } from './event-kind.enum';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

const at = (iso: string) => new Date(iso);
const organiser: AuthContext = { userId: 'u-organiser', role: PlatformRole.Organizer };

function storedEvent(): EventEntity {
  return Object.assign(new EventEntity(), {
    id: 'e-1',
    slug: 'acs-2026',
    title: 'ACS',
    description: '',
    kind: EventKind.Ctf,
    startsAt: at('2026-06-01T00:00:00Z'),
    endsAt: at('2026-06-02T00:00:00Z'),
    freezeAt: null,
    listed: true,
    leaderboardVisibility: LeaderboardVisibility.Public,
    registrationOpensAt: null,
    registrationClosesAt: null,
    registrationApproval: ApprovalMode.Auto,
    registrationCapacity: null,
    eligibleCountries: [],
    teamMinSize: 1,
    teamMaxSize: 4,
    teamLockAtStart: true,
    divisions: [],
    ad: null,
    createdAt: at('2026-01-01T00:00:00Z'),
  });
}

function createDto(over: Partial<CreateEventDto> = {}): CreateEventDto {
  return Object.assign(new CreateEventDto(), {
    slug: 'acs-2026',
    title: 'ACS',
    kind: EventKind.Ctf,
    startsAt: at('2026-06-01T00:00:00Z'),
    endsAt: at('2026-06-02T00:00:00Z'),
    ...over,
  });
}

describe('EventsService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  let repository: jest.Mocked<Pick<EventsRepository, 'insertWithOrganiser' | 'updateLocked' | 'findBySlug' | 'hasStaffRole'>>;
  let registrations: jest.Mocked<Pick<RegistrationsRepository, 'promoteWaitlisted'>>;
  let service: EventsService;

  beforeEach(() => {
    repository = {
      // The service passes a new entity whose unset fields are own `undefined` properties.
      insertWithOrganiser: jest.fn(async (event: Partial<EventEntity>, _organiserId: string): Promise<EventEntity | null> =>
        Object.assign(storedEvent(), Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined))),
      ),
      // The locked row is what findBySlug answers: the change is applied to it as the transaction would.
      updateLocked: jest.fn(async (_id: string, change: (event: EventEntity) => void): Promise<EventEntity | null> => {
        const current = (await repository.findBySlug('acs-2026')) ?? storedEvent();
        change(current);
        return current;
      }),
      findBySlug: jest.fn(),
      hasStaffRole: jest.fn().mockResolvedValue(true),
    };
    registrations = { promoteWaitlisted: jest.fn().mockResolvedValue([]) };
    service = new EventsService(
      repository as unknown as EventsRepository,
      { isPlatformAdmin: async (auth?: AuthContext) => auth?.role === PlatformRole.Admin } as unknown as UsersService,
      registrations as unknown as RegistrationsRepository,
      { changed: jest.fn(), at: jest.fn() } as unknown as LeaderboardNotifier,
    );
  });

  describe('create', () => {
    it('should insert the event with its creator as organiser when the fields agree', async () => {
      const dto = await service.create(organiser, createDto({ freezeAt: at('2026-06-01T20:00:00Z') }));
      expect(repository.insertWithOrganiser).toHaveBeenCalledWith(expect.objectContaining({ slug: 'acs-2026' }), 'u-organiser');
      expect(dto).toMatchObject({ slug: 'acs-2026', freezeAt: '2026-06-01T20:00:00.000Z' });
    });

    it.each([
      ['endsAt equals startsAt', { endsAt: at('2026-06-01T00:00:00Z') }, 'endsAt'],
      ['endsAt is before startsAt', { endsAt: at('2026-05-31T00:00:00Z') }, 'endsAt'],
      ['freezeAt is before startsAt', { freezeAt: at('2026-05-31T23:59:59Z') }, 'freezeAt'],
      ['freezeAt is after endsAt', { freezeAt: at('2026-06-02T00:00:01Z') }, 'freezeAt'],
      ['registration closes before it opens', { registration: { opensAt: at('2026-05-02T00:00:00Z'), closesAt: at('2026-05-01T00:00:00Z') } }, 'registration.closesAt'],
    ])('should reject the event when %s', async (_case, over, field) => {
      const promise = service.create(organiser, createDto(over));
      await expect(promise).rejects.toMatchObject({ code: RegistrationErrorCode.InvalidEventWindow, message: expect.stringContaining(field) });
      expect(repository.insertWithOrganiser).not.toHaveBeenCalled();
    });

    it('should accept freezeAt when it equals startsAt or endsAt', async () => {
      await service.create(organiser, createDto({ freezeAt: at('2026-06-01T00:00:00Z') }));
      await service.create(organiser, createDto({ freezeAt: at('2026-06-02T00:00:00Z') }));
      expect(repository.insertWithOrganiser).toHaveBeenCalledTimes(2);
    });

    it('should reject the event when teams.minSize exceeds teams.maxSize', async () => {
      const promise = service.create(organiser, createDto({ teams: { minSize: 5, maxSize: 2 } }));
      await expect(promise).rejects.toMatchObject({ code: RegistrationErrorCode.InvalidTeamSize, message: expect.stringContaining('teams.minSize') });
    });

    it('should report a taken slug when the repository finds a duplicate', async () => {
      repository.insertWithOrganiser.mockResolvedValue(null);
      await expect(service.create(organiser, createDto())).rejects.toMatchObject({ code: RegistrationErrorCode.SlugTaken });
    });
  });

  describe('update', () => {
    beforeEach(() => repository.findBySlug.mockImplementation(async () => storedEvent()));

    it('should reject the merged event when the new endsAt falls before the stored startsAt', async () => {
      const promise = service.update(organiser, 'acs-2026', { endsAt: at('2026-05-01T00:00:00Z') });
      await expect(promise).rejects.toMatchObject({ code: RegistrationErrorCode.InvalidEventWindow });
    });

    it('should reject the merged event when a stored freezeAt falls outside the moved window', async () => {
      repository.findBySlug.mockResolvedValue(Object.assign(storedEvent(), { freezeAt: at('2026-06-01T12:00:00Z') }));
      const moved = { startsAt: at('2026-06-01T13:00:00Z') } as UpdateEventDto;
      await expect(service.update(organiser, 'acs-2026', moved)).rejects.toMatchObject({ message: expect.stringContaining('freezeAt') });
    });

    it('should keep the other team bound when only one is patched', async () => {
      const dto = await service.update(organiser, 'acs-2026', { teams: { maxSize: 6 } });
      expect(dto.teams).toEqual({ minSize: 1, maxSize: 6, lockAtStart: true });
      const tooSmall = service.update(organiser, 'acs-2026', { teams: { minSize: 5 } });
      await expect(tooSmall).rejects.toMatchObject({ code: RegistrationErrorCode.InvalidTeamSize });
    });

    it('should reject attack-defence settings when a patch leaves them incomplete', async () => {
      const promise = service.update(organiser, 'acs-2026', { ad: { tickSeconds: 60 } });
      await expect(promise).rejects.toMatchObject({ code: RegistrationErrorCode.InvalidAdSettings, message: expect.stringContaining('flagPrefix') });
    });

    it('should promote waitlisted registrants when the capacity changes', async () => {
      await service.update(organiser, 'acs-2026', { registration: { capacity: 10 } });
      expect(registrations.promoteWaitlisted).toHaveBeenCalledWith('e-1');
    });

    it('should not touch the waitlist when only the title changes', async () => {
      await service.update(organiser, 'acs-2026', { title: 'New' });
      expect(registrations.promoteWaitlisted).not.toHaveBeenCalled();
    });

    it('should report a taken slug when the locked update finds a duplicate', async () => {
      repository.updateLocked.mockResolvedValue(null);
      await expect(service.update(organiser, 'acs-2026', { slug: 'taken' })).rejects.toMatchObject({
        code: RegistrationErrorCode.SlugTaken,
      });
    });

    it('should refuse the update when the caller is not an organiser of the event', async () => {
      repository.hasStaffRole.mockResolvedValue(false);
      await expect(service.update(organiser, 'acs-2026', { title: 'x' })).rejects.toMatchObject({
        code: RegistrationErrorCode.NotOrganiser,
      });
    });

    it('should let an admin update without a staff role when the caller is a platform admin', async () => {
      repository.hasStaffRole.mockResolvedValue(false);
      await service.update({ userId: 'u-admin', role: PlatformRole.Admin }, 'acs-2026', { title: 'x' });
      expect(repository.updateLocked).toHaveBeenCalledWith('e-1', expect.any(Function));
    });
  });
});
