import { AuthContext, Page } from '@arena/common';
import { Injectable, Logger } from '@nestjs/common';
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

@Injectable()
export class RegistrationsService {
  private readonly logger = new Logger(RegistrationsService.name);

  constructor(
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsService,
    private readonly users: UsersService,
  ) {}

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
    const saved = await this.registrations.withCapacityLock(event.id, async (lock) => {
      const registration = await this.registrations.findLocked(lock, id);
      if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `registration ${id} not found`);
      return status === RegistrationStatus.Approved ? this.approve(lock, registration) : this.reject(lock, registration);
    });
    this.logger.log(`registration ${id} of event ${event.id} set ${saved.status} by user ${auth.userId}`);
    return RegistrationDto.from(saved);
  }

  async withdraw(auth: AuthContext, slug: string): Promise<void> {
    const event = await this.events.getBySlug(slug);
    await this.registrations.withCapacityLock(event.id, async (lock) => {
      const registration = await this.registrations.findLockedByUser(lock, auth.userId);
      if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `not registered for ${slug}`);
      if (!(await this.registrations.deleteUnlessInTeam(lock, registration))) {
        throw new RegistrationError(RegistrationErrorCode.StillInTeam, 'leave your team before withdrawing');
      }
      if (holdsPlace(registration.status)) await this.registrations.promoteUnderLock(lock);
    });
    this.logger.log(`user ${auth.userId} withdrew from event ${event.id}`);
  }

  /** Throws 403 unless the caller's registration for the event is approved. */
  async assertApproved(auth: AuthContext, event: EventEntity): Promise<void> {
    if (!(await this.registrations.isApproved(event.id, auth.userId))) {
      throw new RegistrationError(RegistrationErrorCode.NotRegistered, `an approved registration for ${event.slug} is needed`);
    }
  }

  private async approve(lock: CapacityLock, registration: RegistrationEntity): Promise<RegistrationEntity> {
    if (registration.status === RegistrationStatus.Approved) return registration;
    const capacity = lock.event.registrationCapacity;
    // A pending registration already holds its place; others need a free one.
    if (!holdsPlace(registration.status) && capacity !== null && (await this.registrations.countHoldingPlace(lock)) >= capacity) {
      throw new RegistrationError(RegistrationErrorCode.EventFull, `event is full (capacity ${capacity}); raise the capacity first`);
    }
    return this.registrations.setStatus(lock, registration, RegistrationStatus.Approved);
  }

  private async reject(lock: CapacityLock, registration: RegistrationEntity): Promise<RegistrationEntity> {
    const held = holdsPlace(registration.status);
    const saved = await this.registrations.setStatus(lock, registration, RegistrationStatus.Rejected);
    if (held) await this.registrations.promoteUnderLock(lock);
    return saved;
  }
}
