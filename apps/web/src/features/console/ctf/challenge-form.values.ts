import type { components } from '../../../api/schema';
import type { ValueFunctionName } from './value-curve';

type ChallengeDetail = components['schemas']['ChallengeDetailDto'];
type CreateChallengeBody = components['schemas']['CreateChallengeDto'];
type FlagKind = components['schemas']['FlagInputDto']['type'];
type ChallengeState = NonNullable<CreateChallengeBody['state']>;

/** Number inputs hold '' while empty; the API names a missing required one. */
export type NumberValue = number | '';

export interface FlagValues {
  /** A React key for the row (not sent). */
  key: string;
  type: FlagKind;
  content: string;
  caseInsensitive: boolean;
}

export interface HintValues {
  key: string;
  content: string;
  cost: NumberValue;
}

export interface ChallengeFormValues {
  name: string;
  category: string;
  description: string;
  valueFunction: ValueFunctionName;
  value: NumberValue;
  initial: NumberValue;
  minimum: NumberValue;
  decay: NumberValue;
  flags: FlagValues[];
  hints: HintValues[];
  /** Names of the challenges to solve first (the API's `requirements`). */
  requirements: string[];
  maxAttempts: NumberValue;
  state: ChallengeState;
  connectionInfo: string;
  author: string;
  /** Comma-separated. */
  tags: string;
}

export const VALUE_FUNCTIONS: ValueFunctionName[] = ['static', 'linear', 'logarithmic'];
export const FLAG_KINDS: FlagKind[] = ['static', 'regex'];
export const STATES: ChallengeState[] = ['visible', 'hidden'];

let rows = 0;
const rowKey = () => `row-${++rows}`;

export const newFlag = (type: FlagKind = 'static'): FlagValues => ({ key: rowKey(), type, content: '', caseInsensitive: false });
export const newHint = (): HintValues => ({ key: rowKey(), content: '', cost: 0 });

/** The form's fields for a new challenge, or for the one being edited. */
export function initialValues(challenge?: ChallengeDetail): ChallengeFormValues {
  if (!challenge) {
    return {
      name: '',
      category: '',
      description: '',
      valueFunction: 'static',
      value: 100,
      initial: 500,
      minimum: 100,
      decay: 30,
      flags: [newFlag()],
      hints: [],
      requirements: [],
      maxAttempts: 0,
      state: 'visible',
      connectionInfo: '',
      author: '',
      tags: '',
    };
  }
  const dynamic = challenge.type === 'dynamic';
  return {
    name: challenge.name,
    category: challenge.category,
    description: challenge.description,
    valueFunction: dynamic ? (challenge.function ?? 'logarithmic') : 'static',
    value: challenge.value,
    initial: dynamic ? challenge.initial : 500,
    minimum: dynamic ? challenge.minimum : 100,
    decay: dynamic ? challenge.decay : 30,
    flags: challenge.flags.map((flag) => ({ key: rowKey(), type: flag.type, content: flag.content, caseInsensitive: flag.caseInsensitive })),
    hints: challenge.hints.map((hint) => ({ key: rowKey(), content: hint.content ?? '', cost: hint.cost })),
    requirements: challenge.requirements,
    maxAttempts: challenge.maxAttempts,
    state: challenge.state ?? 'visible',
    connectionInfo: challenge.connectionInfo ?? '',
    author: challenge.author ?? '',
    tags: challenge.tags.join(', '),
  };
}

const numberOrUndefined = (value: NumberValue) => (value === '' ? undefined : value);

/** The flags as the API takes them (the test box sends the same). */
export const flagsBody = (flags: FlagValues[]) => flags.map(({ type, content, caseInsensitive }) => ({ type, content, caseInsensitive }));

/**
 * The body of POST (new) or PATCH (edit). Empty optional texts are left out of a new challenge and cleared (null) on an
 * edit; the value fields sent are those of the chosen function only.
 */
export function toBody(values: ChallengeFormValues, editing: boolean): CreateChallengeBody {
  const optional = (text: string) => (text.trim() ? text.trim() : editing ? null : undefined);
  const value =
    values.valueFunction === 'static'
      ? { type: 'standard' as const, value: numberOrUndefined(values.value) }
      : {
          type: 'dynamic' as const,
          function: values.valueFunction,
          initial: numberOrUndefined(values.initial),
          minimum: numberOrUndefined(values.minimum),
          decay: numberOrUndefined(values.decay),
        };
  return {
    name: values.name.trim(),
    category: values.category.trim(),
    description: values.description,
    ...value,
    flags: flagsBody(values.flags),
    hints: values.hints.map((hint) => ({ content: hint.content, cost: hint.cost === '' ? 0 : hint.cost })),
    requirements: values.requirements,
    // Empty is the API's default: unlimited.
    maxAttempts: values.maxAttempts === '' ? 0 : values.maxAttempts,
    state: values.state,
    connectionInfo: optional(values.connectionInfo),
    author: optional(values.author),
    tags: values.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

/** Every field an API message can name, nested ones first (fieldErrors takes the first field a message starts with). */
export function formFields(values: ChallengeFormValues): string[] {
  return [
    ...values.flags.flatMap((_, index) => [`flags.${index}.content`, `flags.${index}.type`, `flags.${index}.caseInsensitive`]),
    ...values.hints.flatMap((_, index) => [`hints.${index}.content`, `hints.${index}.cost`]),
    'name',
    'category',
    'description',
    'type',
    'function',
    'value',
    'initial',
    'minimum',
    'decay',
    'flags',
    'hints',
    'requirements',
    'maxAttempts',
    'state',
    'connectionInfo',
    'author',
    'tags',
  ];
}
