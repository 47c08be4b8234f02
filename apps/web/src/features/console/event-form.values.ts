import type { components } from '../../api/schema';
import { browserTimeZone, isoToWallTime, wallTimeToIso } from './zoned-time';

// Types straight from the schema (not the query modules): this file stays free of the browser, for its unit spec.
type ArenaEvent = components['schemas']['EventDto'];
type CreateEventBody = components['schemas']['CreateEventDto'];
type UpdateEventBody = components['schemas']['UpdateEventDto'];
type QuestionBody = components['schemas']['RegistrationQuestionDto'];

export type EventKind = CreateEventBody['kind'];
export type Visibility = NonNullable<CreateEventBody['leaderboardVisibility']>;
export type Approval = NonNullable<NonNullable<CreateEventBody['registration']>['approval']>;

export const KINDS: EventKind[] = ['ctf', 'ad', 'ai', 'hackathon'];
export const VISIBILITIES: Visibility[] = ['public', 'participants', 'organisers'];
export const APPROVALS: Approval[] = ['auto', 'manual'];

/** One question as the form holds it; `key` only tells React which row is which. */
export interface QuestionDraft {
  key: number;
  id: string;
  label: string;
  type: QuestionBody['type'];
  required: boolean;
  /** One allowed answer per line (choice questions). */
  choices: string;
  maxLength: number | string;
}

/** The form's fields: times as wall clocks of `timeZone`, lists as text. */
export interface EventFormValues {
  kind: EventKind;
  title: string;
  slug: string;
  description: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  freezeAt: string;
  opensAt: string;
  closesAt: string;
  approval: Approval;
  capacity: number | string;
  eligibleCountries: string;
  questions: QuestionDraft[];
  divisions: string;
  minSize: number | string;
  maxSize: number | string;
  lockAtStart: boolean;
  listed: boolean;
  leaderboardVisibility: Visibility;
}

const TIME_FIELDS = ['startsAt', 'endsAt', 'freezeAt', 'opensAt', 'closesAt'] as const;

/** The same instants on the clocks of another zone (editing: changing the zone must not move the event). */
export function inZone(values: EventFormValues, timeZone: string): EventFormValues {
  const moved = { ...values, timeZone };
  for (const field of TIME_FIELDS) moved[field] = isoToWallTime(wallTimeToIso(values[field], values.timeZone), timeZone) || values[field];
  return moved;
}

let nextKey = 1;
export const newQuestion = (): QuestionDraft => ({ key: nextKey++, id: '', label: '', type: 'text', required: false, choices: '', maxLength: '' });

export function initialValues(event?: ArenaEvent): EventFormValues {
  const timeZone = browserTimeZone();
  const wall = (iso: string | null | undefined) => isoToWallTime(iso, timeZone);
  return {
    kind: event?.kind ?? 'ctf',
    title: event?.title ?? '',
    slug: event?.slug ?? '',
    description: event?.description ?? '',
    timeZone,
    startsAt: wall(event?.startsAt),
    endsAt: wall(event?.endsAt),
    freezeAt: wall(event?.freezeAt),
    opensAt: wall(event?.registration.opensAt),
    closesAt: wall(event?.registration.closesAt),
    approval: event?.registration.approval ?? 'auto',
    capacity: event?.registration.capacity ?? '',
    eligibleCountries: event?.registration.eligibleCountries.join(', ') ?? '',
    questions: (event?.registration.questions ?? []).map((question) => ({
      key: nextKey++,
      id: question.id,
      label: question.label,
      type: question.type,
      required: question.required ?? false,
      choices: (question.choices ?? []).join('\n'),
      maxLength: question.maxLength ?? '',
    })),
    divisions: event?.divisions.join(', ') ?? '',
    minSize: event?.teams.minSize ?? 1,
    maxSize: event?.teams.maxSize ?? 4,
    lockAtStart: event?.teams.lockAtStart ?? true,
    listed: event?.listed ?? true,
    leaderboardVisibility: event?.leaderboardVisibility ?? 'public',
  };
}

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');

const numberOrNull = (value: number | string) => (value === '' ? null : Number(value));

// The generated type marks fields with an API default (maxLength) as required; left out, the API's default applies.
function questionBody(draft: QuestionDraft): QuestionBody {
  const base = { id: draft.id.trim(), label: draft.label.trim(), type: draft.type, required: draft.required };
  if (draft.type === 'choice') return { ...base, choices: list(draft.choices, /\n/) } as QuestionBody;
  return (draft.maxLength === '' ? base : { ...base, maxLength: Number(draft.maxLength) }) as QuestionBody;
}

/**
 * The body the API takes. Wall times become instants in the chosen zone; a required time left empty is sent as it is,
 * so the API's message names it next to its field. Optional times left empty clear the value. Editing, a time still
 * showing the event's own (to the minute) keeps its exact instant, seconds included.
 */
export function toBody(values: EventFormValues, original?: ArenaEvent): UpdateEventBody & Omit<CreateEventBody, 'kind'> {
  const instant = (wall: string, kept?: string | null) => (original && kept && wall === isoToWallTime(kept, values.timeZone) ? kept : wallTimeToIso(wall, values.timeZone));
  const registration = original?.registration;
  return {
    title: values.title,
    slug: values.slug.trim(),
    description: values.description,
    startsAt: instant(values.startsAt, original?.startsAt) ?? values.startsAt,
    endsAt: instant(values.endsAt, original?.endsAt) ?? values.endsAt,
    freezeAt: instant(values.freezeAt, original?.freezeAt),
    listed: values.listed,
    leaderboardVisibility: values.leaderboardVisibility,
    registration: {
      opensAt: instant(values.opensAt, registration?.opensAt),
      closesAt: instant(values.closesAt, registration?.closesAt),
      approval: values.approval,
      capacity: numberOrNull(values.capacity),
      eligibleCountries: list(values.eligibleCountries, /[\s,]+/).map((code) => code.toUpperCase()),
      questions: values.questions.map(questionBody),
    },
    teams: { minSize: Number(values.minSize), maxSize: Number(values.maxSize), lockAtStart: values.lockAtStart },
    divisions: list(values.divisions, /,/),
  };
}

/** Where the API's messages go: each names its field first. */
export const FORM_FIELDS = [
  'kind',
  'title',
  'slug',
  'description',
  'startsAt',
  'endsAt',
  'freezeAt',
  'listed',
  'leaderboardVisibility',
  'registration.opensAt',
  'registration.closesAt',
  'registration.approval',
  'registration.capacity',
  'registration.eligibleCountries',
  'registration.questions',
  'teams.minSize',
  'teams.maxSize',
  'teams.lockAtStart',
  'divisions',
] as const;
