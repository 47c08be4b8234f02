import { AuthContext, Page } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEntity } from '../events/entities/event.entity';
import { ApprovalMode } from '../events/event-kind.enum';
import { EventsService } from '../events/events.service';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { UsersService } from '../users/users.service';
import { RegistrationEntity } from './entities/registration.entity';
import { CreateRegistrationDto } from './dto/create-registration.dto';
import { ListRegistrationsDto } from './dto/list-registrations.dto';
import { RegistrationDto } from './dto/registration.dto';
import { CapacityLock, RegistrationsRepository } from './registrations.repository';
import { RegistrationStatus } from './registration-status.enum';

const holdsPlace = (status: RegistrationStatus) =>
  status === RegistrationStatus.Approved || status === RegistrationStatus.Pending;

function assertOpen(event: EventEntity, now: Date): void {
  const opens = event.registrationOpensAt;
  const closes = event.registrationClosesAt ?? event.endsAt;
  if ((opens && now < opens) || now > closes) {
    throw new RegistrationError(RegistrationErrorCode.RegistrationClosed, `registration for ${event.slug} is closed`);
  }
}

/**
 * Run inside a rejection's transaction, so that what the registration allowed goes with it (the team membership:
 * teams sit above registration and register themselves). True when it changed something the boards show.
 */
export type RejectionHook = (manager: EntityManager, eventId: string, userId: string) => Promise<boolean>;

@Injectable()
export class RegistrationsService {
  private readonly logger = new Logger(RegistrationsService.name);
  private readonly rejectionHooks: RejectionHook[] = [];

  constructor(
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsService,
    private readonly users: UsersService,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  /** Lets a context above this one undo, in the same transaction, what an approved registration allowed. */
  onRejected(hook: RejectionHook): void {
    this.rejectionHooks.push(hook);
  }

  async register(auth: AuthContext, slug: string, dto: CreateRegistrationDto): Promise<RegistrationDto> {
    const event = await this.events.getBySlug(slug);
    const user = await this.users.get(auth.userId);
    if (event.eligibleCountries.length > 0 && !event.eligibleCountries.includes(user.country)) {
      throw new RegistrationError(RegistrationErrorCode.CountryNotEligible, `country ${user.country} is not eligible for ${slug}`);
    }
    assertOpen(event, new Date());
    const saved = await this.registrations.withCapacityLock(event.id, async (lock) => {
      const full = lock.event.registrationCapacity !== null && (await this.registrations.countHoldingPlace(lock)) >= lock.event.registrationCapacity;
      const status = full
        ? RegistrationStatus.Waitlisted
        : lock.event.registrationApproval === ApprovalMode.Auto
          ? RegistrationStatus.Approved
          : RegistrationStatus.Pending;
      return this.registrations.insert(lock, { eventId: event.id, userId: user.id, status, answers: dto.answers ?? {} });
    });
    if (!saved) throw new RegistrationError(RegistrationErrorCode.AlreadyRegistered, `already registered for ${slug}`);
    this.logger.log(`user ${user.id} registered for event ${event.id}: ${saved.status}`);
    return RegistrationDto.from(saved);
  }

  async mine(auth: AuthContext, slug: string): Promise<RegistrationDto> {
    const event = await this.events.getBySlug(slug);
    const registration = await this.registrations.findByUser(event.id, auth.userId);
    if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `not registered for ${slug}`);
    return RegistrationDto.from(registration);
  }

  async list(auth: AuthContext, slug: string, query: ListRegistrationsDto): Promise<Page<RegistrationDto>> {
    const event = await this.events.getForOrganiser(auth, slug);
    const page = await this.registrations.findForEvent(event.id, query.status, query.limit, query.offset);
    return { items: page.items.map(RegistrationDto.from), total: page.total };
  }

  async decide(auth: AuthContext, slug: string, id: string, status: RegistrationStatus.Approved | RegistrationStatus.Rejected): Promise<RegistrationDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    const { saved, changedBoards } = await this.registrations.withCapacityLock(event.id, async (lock) => {
      const registration = await this.registrations.findLocked(lock, id);
      if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `registration ${id} not found`);
      return status === RegistrationStatus.Approved ? { saved: await this.approve(lock, registration), changedBoards: false } : this.reject(lock, registration);
    });
    this.logger.log(`registration ${id} of event ${event.id} set ${saved.status} by user ${auth.userId}`);
    // After the commit: every instance drops its cached memberships, and the boards follow a team that changed.
    if (changedBoards) await this.leaderboards.changed(event.id);
    return RegistrationDto.from(saved);
  }

  async withdraw(auth: AuthContext, slug: string): Promise<void> {
    const event = await this.events.getBySlug(slug);
    await this.registrations.withCapacityLock(event.id, async (lock) => {
      const registration = await this.registrations.findLockedByUser(lock, auth.userId);
      if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `not registered for ${slug}`);
      // Withdrawing would erase the decision and let the person register afresh (auto-approval re-approves).
      if (registration.status === RegistrationStatus.Rejected || registration.disqualifiedAt) {
        throw new RegistrationError(RegistrationErrorCode.RegistrationRejected, 'a rejected or disqualified registration cannot be withdrawn');
      }
      if (!(await this.registrations.deleteUnlessInTeam(lock, registration))) {
        throw new RegistrationError(RegistrationErrorCode.StillInTeam, 'leave your team before withdrawing');
      }
      if (holdsPlace(registration.status)) await this.registrations.promoteUnderLock(lock);
    });
    this.logger.log(`user ${auth.userId} withdrew from event ${event.id}`);
  }

  /** Throws 403 unless the caller's registration for the event is approved. */
  async assertApproved(auth: AuthContext, event: EventEntity): Promise<void> {
    const registration = await this.registrations.findByUser(event.id, auth.userId);
    if (registration?.disqualifiedAt) {
      throw new RegistrationError(RegistrationErrorCode.Disqualified, `an organiser removed you from your team in ${event.slug}`);
    }
    if (registration?.status !== RegistrationStatus.Approved) {
      throw new RegistrationError(RegistrationErrorCode.NotRegistered, `an approved registration for ${event.slug} is needed`);
    }
  }

  /**
   * Inside the caller's transaction (a team join or creation): true when the registration is approved, and it stays so
   * until that transaction ends. A rejection running meanwhile waits, then finds the new membership and removes it;
   * one that committed first makes this false. So nobody is rejected yet in a team.
   */
  holdApproved(manager: EntityManager, eventId: string, userId: string): Promise<boolean> {
    return this.registrations.holdApproved(manager, eventId, userId);
  }

  /** Inside an organiser's removal: the person may not create or join a team of the event again until re-approved. */
  markDisqualified(manager: EntityManager, eventId: string, userId: string): Promise<void> {
    return this.registrations.markDisqualified(manager, eventId, userId);
  }

  private async approve(lock: CapacityLock, registration: RegistrationEntity): Promise<RegistrationEntity> {
    // Approving again is how organisers lift a disqualification.
    if (registration.status === RegistrationStatus.Approved && !registration.disqualifiedAt) return registration;
    registration.disqualifiedAt = null;
    if (registration.status === RegistrationStatus.Approved) return this.registrations.setStatus(lock, registration, registration.status);
    const capacity = lock.event.registrationCapacity;
    // A pending registration already holds its place; others need a free one.
    if (!holdsPlace(registration.status) && capacity !== null && (await this.registrations.countHoldingPlace(lock)) >= capacity) {
      throw new RegistrationError(RegistrationErrorCode.EventFull, `event is full (capacity ${capacity}); raise the capacity first`);
    }
    return this.registrations.setStatus(lock, registration, RegistrationStatus.Approved);
  }

  /** A rejected person leaves their team in the same transaction: no moment where they are rejected yet playing. */
  private async reject(lock: CapacityLock, registration: RegistrationEntity): Promise<{ saved: RegistrationEntity; changedBoards: boolean }> {
    const held = holdsPlace(registration.status);
    const saved = await this.registrations.setStatus(lock, registration, RegistrationStatus.Rejected);
    let changedBoards = false;
    for (const hook of this.rejectionHooks) changedBoards = (await hook(lock.manager, registration.eventId, registration.userId)) || changedBoards;
    if (held) await this.registrations.promoteUnderLock(lock);
    return { saved, changedBoards };
  }
}
