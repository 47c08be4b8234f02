import { ValueFunction } from '@arena/scoring';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { ChallengeType, FlagKind } from './challenge.enums';
import { FlagInputDto } from './dto/create-challenge.dto';
import { UpdateChallengeDto } from './dto/update-challenge.dto';
import { ChallengeEntity } from './entities/challenge.entity';
import { compileRegexFlag, RE2_LIMITS } from './flag-matcher';

const invalid = (message: string) => new CtfError(CtfErrorCode.InvalidChallenge, message);

/** The contract's type/function pair as one value function; a dynamic challenge without `function` is logarithmic. */
export function valueFunctionOf(type: ChallengeType, fn?: 'linear' | 'logarithmic'): ValueFunction {
  if (type === ChallengeType.Standard) return ValueFunction.Static;
  return fn === 'linear' ? ValueFunction.Linear : ValueFunction.Logarithmic;
}

export function typeOf(valueFunction: ValueFunction): ChallengeType {
  return valueFunction === ValueFunction.Static ? ChallengeType.Standard : ChallengeType.Dynamic;
}

// Optional DTO fields let null through; only these may be cleared with it.
const NULLABLE_FIELDS = new Set(['connectionInfo', 'author', 'attribution']);

/** Copies scalar fields of the DTO onto the entity (flags, hints and requirements are handled apart); null is a 400 elsewhere. */
export function applyChallengeFields(challenge: ChallengeEntity, dto: UpdateChallengeDto): void {
  for (const [key, value] of Object.entries(dto)) {
    if (value === null && !NULLABLE_FIELDS.has(key)) throw invalid(`${key} must not be null`);
  }
  const scalars = [
    'name',
    'category',
    'description',
    'value',
    'initial',
    'minimum',
    'decay',
    'maxAttempts',
    'state',
    'connectionInfo',
    'author',
    'attribution',
    'tags',
    'position',
  ] as const;
  for (const key of scalars) {
    if (dto[key] !== undefined) Object.assign(challenge, { [key]: dto[key] });
  }
  if (dto.type !== undefined || dto.function !== undefined) {
    const type = dto.type ?? typeOf(challenge.valueFunction);
    const fn = dto.function ?? (challenge.valueFunction === ValueFunction.Linear ? 'linear' : undefined);
    challenge.valueFunction = valueFunctionOf(type, fn);
  }
}

/** The value parameters the function needs, on the merged challenge; unused ones default to 0. */
export function assertValueParams(challenge: ChallengeEntity): void {
  const missing = (key: 'value' | 'initial' | 'minimum' | 'decay') => challenge[key] === undefined || challenge[key] === null;
  if (challenge.valueFunction === ValueFunction.Static) {
    if (missing('value')) throw invalid('value is required for a standard challenge');
  } else {
    for (const key of ['initial', 'minimum', 'decay'] as const) {
      if (missing(key)) throw invalid(`${key} is required for a dynamic challenge`);
    }
    if (challenge.minimum > challenge.initial) throw invalid('minimum must not exceed initial');
  }
  for (const key of ['value', 'initial', 'minimum', 'decay'] as const) {
    if (missing(key)) challenge[key] = 0;
  }
}

/** Regex flags must compile under RE2: a bad one is a 400 naming it. */
export function assertFlags(flags: FlagInputDto[]): void {
  flags.forEach((flag, index) => {
    if (flag.type !== FlagKind.Regex) return;
    try {
      compileRegexFlag(flag.content, flag.caseInsensitive ?? false);
    } catch (error) {
      throw invalid(`flags.${index}.content is not a valid regular expression (${RE2_LIMITS}): ${(error as Error).message}`);
    }
  });
}
