import { AuthContext, Page } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { UsersService } from '../users/users.service';
import { AddStaffDto, MyEventRolesDto, StaffDto } from './dto/add-staff.dto';
import { CreateEventDto } from './dto/create-event.dto';
import { EventDto } from './dto/event.dto';
import { ListEventsDto } from './dto/list-events.dto';
import { UpdateEventDto } from './dto/update-event.dto';
import { RegistrationQuestionDto } from './dto/registration-question.dto';
import { AdSettings, DEFAULT_QUESTION_MAX_LENGTH, EventEntity, QuestionType, RegistrationQuestion } from './entities/event.entity';
import { StaffRole } from './event-kind.enum';
import { EventsRepository } from './events.repository';

function invalid(message: string): RegistrationError {
  return new RegistrationError(RegistrationErrorCode.InvalidEventWindow, message);
}

/** Copies the fields a DTO carries onto the entity (absent fields keep their value). */
function applyFields(event: EventEntity, dto: UpdateEventDto): void {
  const { registration, teams, ad, ctf, ...top } = dto;
  for (const [key, value] of Object.entries(top)) {
    if (value !== undefined) Object.assign(event, { [key]: value });
  }
  if (registration) {
    if (registration.opensAt !== undefined) event.registrationOpensAt = registration.opensAt;
    if (registration.closesAt !== undefined) event.registrationClosesAt = registration.closesAt;
    if (registration.approval !== undefined) event.registrationApproval = registration.approval;
    if (registration.capacity !== undefined) event.registrationCapacity = registration.capacity;
    if (registration.eligibleCountries !== undefined) event.eligibleCountries = registration.eligibleCountries;
    if (registration.questions !== undefined) event.registrationQuestions = registration.questions.map(toQuestion);
  }
  if (teams) {
    if (teams.minSize !== undefined) event.teamMinSize = teams.minSize;
    if (teams.maxSize !== undefined) event.teamMaxSize = teams.maxSize;
    if (teams.lockAtStart !== undefined) event.teamLockAtStart = teams.lockAtStart;
  }
  // Attack-defence settings merge field by field; null removes them.
  if (ad === null) event.ad = null;
  else if (ad) event.ad = { flagLifetimeTicks: 5, ...event.ad, ...definedOnly(ad) } as AdSettings;
  if (ctf) event.ctf = { ...event.ctf, ...definedOnly(ctf) };
}

// Plain objects for the jsonb column, with the defaults written out.
function toQuestion(question: RegistrationQuestionDto): RegistrationQuestion {
  const base = { id: question.id, label: question.label, type: question.type, required: question.required ?? false };
  if (question.type === QuestionType.Choice) {
    if (!question.choices) throw new RegistrationError(RegistrationErrorCode.InvalidQuestions, `registration.questions ${question.id}: a choice question needs choices`);
    return { ...base, choices: question.choices };
  }
  if (question.choices) throw new RegistrationError(RegistrationErrorCode.InvalidQuestions, `registration.questions ${question.id}: choices are only for choice questions`);
  return { ...base, maxLength: question.maxLength ?? DEFAULT_QUESTION_MAX_LENGTH };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** The rules that span fields, checked on the merged event. */
function assertCoherent(event: EventEntity): void {
  if (event.endsAt <= event.startsAt) throw invalid('endsAt must be after startsAt');
  if (event.freezeAt && (event.freezeAt < event.startsAt || event.freezeAt > event.endsAt)) {
    throw invalid('freezeAt must lie between startsAt and endsAt');
  }
  const { registrationOpensAt: opens, registrationClosesAt: closes } = event;
  if (opens && closes && closes <= opens) throw invalid('registration.closesAt must be after registration.opensAt');
  if (event.ad && (event.ad.tickSeconds === undefined || event.ad.flagLifetimeTicks === undefined || event.ad.flagPrefix === undefined)) {
    throw new RegistrationError(RegistrationErrorCode.InvalidAdSettings, 'ad needs tickSeconds, flagLifetimeTicks and flagPrefix');
  }
  if (event.teamMinSize > event.teamMaxSize) {
    throw new RegistrationError(RegistrationErrorCode.InvalidTeamSize, 'teams.minSize must not exceed teams.maxSize');
  }
}

@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    private readonly events: EventsRepository,
    private readonly users: UsersService,
    private readonly registrations: RegistrationsRepository,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  async create(auth: AuthContext, dto: CreateEventDto): Promise<EventDto> {
    const event = new EventEntity();
    applyFields(event, dto);
    assertCoherent(event);
    const saved = await this.events.insertWithOrganiser(event, auth.userId);
    if (!saved) throw new RegistrationError(RegistrationErrorCode.SlugTaken, `slug ${dto.slug} is taken`);
    this.logger.log(`event ${saved.id} (${saved.slug}) created by user ${auth.userId}`);
    return EventDto.from(saved);
  }

  async update(auth: AuthContext, slug: string, dto: UpdateEventDto): Promise<EventDto> {
    const found = await this.getForOrganiser(auth, slug);
    // Merged and checked on the locked row: two organisers' edits of different fields both land.
    const event = await this.events.updateLocked(found.id, (current) => {
      applyFields(current, dto);
      assertCoherent(current);
    });
    if (!event) throw new RegistrationError(RegistrationErrorCode.SlugTaken, `slug ${dto.slug} is taken`);
    // A larger capacity (or none) lets waitlisted registrants in.
    if (dto.registration?.capacity !== undefined || dto.registration?.approval !== undefined) {
      await this.registrations.promoteWaitlisted(event.id);
    }
    // Windows, freeze and divisions shape the boards; a freeze in the future gets its own recompute.
    await this.leaderboards.changed(event.id);
    if (event.freezeAt) await this.leaderboards.at(event.id, event.freezeAt);
    return EventDto.from(event);
  }

  /** After the event ended, organisers end the freeze: everyone sees the live standings. */
  async reveal(auth: AuthContext, slug: string): Promise<EventDto> {
    const event = await this.getForOrganiser(auth, slug);
    if (new Date() <= event.endsAt) {
      throw new RegistrationError(RegistrationErrorCode.InvalidStatusChange, 'the standings can be revealed once the event has ended');
    }
    await this.events.markRevealed(event.id);
    await this.leaderboards.changed(event.id);
    this.logger.log(`event ${event.id} standings revealed by user ${auth.userId}`);
    return EventDto.from(await this.getById(event.id));
  }

  async list(auth: AuthContext | undefined, query: ListEventsDto): Promise<Page<EventDto>> {
    const unlisted = query.include === 'unlisted';
    if (unlisted && !(await this.users.isPlatformAdmin(auth)))
      throw new RegistrationError(RegistrationErrorCode.AdminsOnly, 'include=unlisted: only platform admins list every event');
    const page = await this.events.findListed(query.limit, query.offset, unlisted);
    return { items: page.items.map(EventDto.from), total: page.total };
  }

  /** Any event by slug (unlisted ones too: they are reachable by link). */
  async getBySlug(slug: string): Promise<EventEntity> {
    const event = await this.events.findBySlug(slug);
    if (!event) throw new RegistrationError(RegistrationErrorCode.EventNotFound, `event ${slug} not found`);
    return event;
  }

  async getById(id: string): Promise<EventEntity> {
    const event = await this.events.findById(id);
    if (!event) throw new RegistrationError(RegistrationErrorCode.EventNotFound, `event ${id} not found`);
    return event;
  }

  /** Staff organisers of the event, and platform admins (their role re-read: a demoted admin's token is not enough). */
  async isOrganiser(auth: AuthContext | undefined, event: EventEntity): Promise<boolean> {
    if (!auth) return false;
    if (await this.users.isPlatformAdmin(auth)) return true;
    return this.events.hasStaffRole(event.id, auth.userId, StaffRole.Organizer);
  }

  async isJudge(auth: AuthContext, event: EventEntity): Promise<boolean> {
    return this.events.hasStaffRole(event.id, auth.userId, StaffRole.Judge);
  }

  /** The event, when the caller organises it (admins organise every event). */
  async getForOrganiser(auth: AuthContext, slug: string): Promise<EventEntity> {
    const event = await this.getBySlug(slug);
    if (!(await this.isOrganiser(auth, event))) {
      throw new RegistrationError(RegistrationErrorCode.NotOrganiser, `only organisers of ${slug} may do this`);
    }
    return event;
  }

  async addStaff(auth: AuthContext, slug: string, dto: AddStaffDto): Promise<StaffDto> {
    const event = await this.getForOrganiser(auth, slug);
    const user = await this.users.findByEmail(dto.email);
    if (!user) throw new RegistrationError(RegistrationErrorCode.UserNotFound, `no user has the email ${dto.email}`);
    await this.events.addStaff(event.id, user.id, dto.role);
    this.logger.log(`user ${user.id} is now ${dto.role} of event ${event.id}`);
    // A participant made organiser sees the organisers' views at once (kept challenge-list callers are dropped).
    await this.leaderboards.changed(event.id);
    return { userId: user.id, email: user.email, displayName: user.displayName, role: dto.role };
  }

  async myRoles(auth: AuthContext, slug: string): Promise<MyEventRolesDto> {
    const event = await this.getBySlug(slug);
    const [organiser, judge] = await Promise.all([this.isOrganiser(auth, event), this.isJudge(auth, event)]);
    return { organiser, judge };
  }

  async listStaff(auth: AuthContext, slug: string): Promise<StaffDto[]> {
    const event = await this.getForOrganiser(auth, slug);
    const staff = await this.events.findStaff(event.id);
    return staff.map(({ user, role }) => ({ userId: user.id, email: user.email, displayName: user.displayName, role }));
  }
}
