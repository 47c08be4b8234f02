import { timingSafeEqual, createHash } from 'crypto';
import { FlagKind } from './challenge.enums';

/** The parts of a flag the matcher needs. */
export interface FlagRule {
  kind: FlagKind;
  content: string;
  caseInsensitive: boolean;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

type Matcher = (submission: string) => boolean;

// A flag's compiled form (its regex, or the digest of its expected text), kept while the flag object lives: the
// attempt path holds each challenge's flags for a second and checks thousands of submissions against them. The
// rule it was made from is kept too, so a flag object changed in place is compiled again.
const compiled = new WeakMap<FlagRule, { kind: FlagKind; content: string; caseInsensitive: boolean; matches: Matcher }>();

function compile(flag: FlagRule): Matcher {
  if (flag.kind === FlagKind.Regex) {
    const regex = compileRegexFlag(flag.content, flag.caseInsensitive);
    return (submission) => regex.test(submission);
  }
  // Comparing fixed-length digests keeps the time independent of where the strings differ.
  const expected = flag.content.trim();
  if (flag.caseInsensitive) {
    const wanted = digest(expected.toLowerCase());
    return (submission) => timingSafeEqual(wanted, digest(submission.toLowerCase()));
  }
  const wanted = digest(expected);
  return (submission) => timingSafeEqual(wanted, digest(submission));
}

function matcherOf(flag: FlagRule): Matcher {
  const known = compiled.get(flag);
  if (known && known.kind === flag.kind && known.content === flag.content && known.caseInsensitive === flag.caseInsensitive) return known.matches;
  const matches = compile(flag);
  compiled.set(flag, { kind: flag.kind, content: flag.content, caseInsensitive: flag.caseInsensitive, matches });
  return matches;
}

/** Compiles a regex flag to match the whole submission; throws SyntaxError when invalid. */
export function compileRegexFlag(content: string, caseInsensitive: boolean): RegExp {
  const source = `^(?:${content})$`;
  try {
    return new RegExp(source, caseInsensitive ? 'iu' : 'u');
  } catch {
    // CTFd flags are Python regexes, where a brace that starts no quantifier is a literal (`ACS{[a-z]+}`);
    // Unicode mode rejects that, the legacy syntax reads it as Python does.
    return new RegExp(source, caseInsensitive ? 'i' : '');
  }
}

/** True when the (already trimmed) submission satisfies the flag. */
export function matchesFlag(flag: FlagRule, submission: string): boolean {
  return matcherOf(flag)(submission);
}

/** True when any flag matches; every flag is compared, so the time does not tell which one was close. */
export function matchesAnyFlag(flags: FlagRule[], submission: string): boolean {
  let matched = false;
  for (const flag of flags) matched = matchesFlag(flag, submission) || matched;
  return matched;
}
