import { ArenaError, AuthContext, Page } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEntity } from '../events/entities/event.entity';
import { ApprovalMode } from '../events/event-kind.enum';
import { EventsService } from '../events/events.service';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { UsersService } from '../users/users.service';
import { RegistrationEntity } from './entities/registration.entity';
import { validateAnswers } from './registration-answers.validator';
import { CreateRegistrationDto } from './dto/create-registration.dto';
import { Decision, DecisionsResultDto, RefusedDecisionDto } from './dto/decide-registration.dto';
import { ListRegistrationsDto } from './dto/list-registrations.dto';
import { RegistrationDto } from './dto/registration.dto';
import { CapacityLock, RegistrationsRepository } from './registrations.repository';
import { RegistrationStatus } from './registration-status.enum';

const holdsPlace = (status: RegistrationStatus) => status === RegistrationStatus.Approved || status === RegistrationStatus.Pending;

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
      const status = full ? RegistrationStatus.Waitlisted : lock.event.registrationApproval === ApprovalMode.Auto ? RegistrationStatus.Approved : RegistrationStatus.Pending;
      const answers = validateAnswers(lock.event.registrationQuestions, dto.answers ?? {});
      return this.registrations.insert(lock, { eventId: event.id, userId: user.id, status, answers });
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

  /** The registrant edits their answers until an organiser decides (approval or rejection, also an automatic one). */
  async updateAnswers(auth: AuthContext, slug: string, dto: CreateRegistrationDto): Promise<RegistrationDto> {
    const event = await this.events.getBySlug(slug);
    const saved = await this.registrations.withCapacityLock(event.id, async (lock) => {
      const registration = await this.registrations.findLockedByUser(lock, auth.userId);
      if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `not registered for ${slug}`);
      if (registration.status === RegistrationStatus.Approved || registration.status === RegistrationStatus.Rejected) {
        throw new RegistrationError(RegistrationErrorCode.RegistrationDecided, `the registration is ${registration.status}: its answers can no longer change`);
      }
      return this.registrations.setAnswers(lock, registration, validateAnswers(lock.event.registrationQuestions, dto.answers ?? {}));
    });
    this.logger.log(`user ${auth.userId} changed the answers of registration ${saved.id}`);
    return RegistrationDto.from(saved);
  }

  async list(auth: AuthContext, slug: string, query: ListRegistrationsDto): Promise<Page<RegistrationDto>> {
    const event = await this.events.getForOrganiser(auth, slug);
    const search = query.q?.trim() || undefined;
    const page = await this.registrations.findForEvent(event.id, { status: query.status, search }, query.limit, query.offset);
    return { items: page.items.map(RegistrationDto.from), total: page.total };
  }

  async decide(auth: AuthContext, slug: string, id: string, status: Decision): Promise<RegistrationDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    const { saved, changedBoards } = await this.registrations.withCapacityLock(event.id, async (lock) => {
      const registration = await this.registrations.findLocked(lock, id);
      if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `registration ${id} not found`);
      return this.applyDecision(lock, registration, status);
    });
    this.logger.log(`registration ${id} of event ${event.id} set ${saved.status} by user ${auth.userId}`);
    // After the commit: every instance drops its cached memberships, and the boards follow a team that changed.
    if (changedBoards) await this.leaderboards.changed(event.id);
    return RegistrationDto.from(saved);
  }

  /**
   * The same decision for many registrations, under one lock: each is applied or refused on its own (a savepoint
   * each), and the answer names the refused ones with the reason a single decision would give, and the waitlisted
   * registrants promoted into the places the decisions freed.
   */
  async decideMany(auth: AuthContext, slug: string, ids: string[], status: Decision): Promise<DecisionsResultDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    const result = await this.registrations.withCapacityLock(event.id, async (lock) => {
      const decided: RegistrationEntity[] = [];
      const refused: RefusedDecisionDto[] = [];
      const promoted = new Map<string, RegistrationEntity>();
      let changedBoards = false;
      for (const id of ids) {
        try {
          const outcome = await lock.manager.transaction(async (manager) => {
            const inner = { event: lock.event, manager };
            const registration = await this.registrations.findLocked(inner, id);
            if (!registration) throw new RegistrationError(RegistrationErrorCode.RegistrationNotFound, `registration ${id} not found`);
            return this.applyDecision(inner, registration, status);
          });
          decided.push(outcome.saved);
          changedBoards = outcome.changedBoards || changedBoards;
          for (const row of outcome.promoted) promoted.set(row.id, row);
        } catch (error) {
          if (!(error instanceof ArenaError)) throw error;
          refused.push({ id, code: error.code, message: error.message });
        }
      }
      const decidedIds = new Set(decided.map((row) => row.id));
      return { decided, refused, promoted: [...promoted.values()].filter((row) => !decidedIds.has(row.id)), changedBoards };
    });
    this.logger.log(
      `${result.decided.length} registrations of event ${event.id} set ${status} by user ${auth.userId} (${result.refused.length} refused, ${result.promoted.length} promoted)`,
    );
    if (result.changedBoards) await this.leaderboards.changed(event.id);
    return { decided: result.decided.map(RegistrationDto.from), refused: result.refused, promoted: result.promoted.map(RegistrationDto.from) };
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

  private async applyDecision(
    lock: CapacityLock,
    registration: RegistrationEntity,
    status: Decision,
  ): Promise<{ saved: RegistrationEntity; changedBoards: boolean; promoted: RegistrationEntity[] }> {
    if (status === RegistrationStatus.Approved) return { saved: await this.approve(lock, registration), changedBoards: false, promoted: [] };
    if (status === RegistrationStatus.Waitlisted) return { saved: await this.waitlist(lock, registration), changedBoards: false, promoted: [] };
    return this.reject(lock, registration);
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

  /**
   * Back in the queue: a pending registration gives up its place (nobody is promoted into it: the organiser chose to
   * wait), a rejected one waits again. An approved registrant may already play in a team, so only a rejection removes them.
   */
  private async waitlist(lock: CapacityLock, registration: RegistrationEntity): Promise<RegistrationEntity> {
    if (registration.status === RegistrationStatus.Waitlisted) return registration;
    if (registration.status === RegistrationStatus.Approved) {
      throw new RegistrationError(RegistrationErrorCode.InvalidStatusChange, 'an approved registration cannot go back to the waitlist; reject it instead');
    }
    return this.registrations.setStatus(lock, registration, RegistrationStatus.Waitlisted);
  }

  /** A rejected person leaves their team in the same transaction: no moment where they are rejected yet playing. */
  private async reject(lock: CapacityLock, registration: RegistrationEntity): Promise<{ saved: RegistrationEntity; changedBoards: boolean; promoted: RegistrationEntity[] }> {
    const held = holdsPlace(registration.status);
    const saved = await this.registrations.setStatus(lock, registration, RegistrationStatus.Rejected);
    let changedBoards = false;
    for (const hook of this.rejectionHooks) changedBoards = (await hook(lock.manager, registration.eventId, registration.userId)) || changedBoards;
    const promoted = held ? await this.registrations.promoteUnderLock(lock) : [];
    return { saved, changedBoards, promoted };
  }
}
