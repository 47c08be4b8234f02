import { Logger } from '@nestjs/common';
import { timingSafeEqual, createHash } from 'crypto';
import RE2 from 're2';
import { FlagKind } from './challenge.enums';

/** The parts of a flag the matcher needs (the id names a flag in logs, never its content). */
export interface FlagRule {
  id?: string;
  kind: FlagKind;
  content: string;
  caseInsensitive: boolean;
}

const logger = new Logger('FlagMatcher');

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

type Matcher = (submission: string) => boolean;

// A flag's compiled form (its regex, or the digest of its expected text), kept while the flag object lives: the
// attempt path holds each challenge's flags for a second and checks thousands of submissions against them. The
// rule it was made from is kept too, so a flag object changed in place is compiled again.
const compiled = new WeakMap<FlagRule, { kind: FlagKind; content: string; caseInsensitive: boolean; matches: Matcher }>();

function compileRegex(flag: FlagRule): Matcher {
  try {
    const regex = compileRegexFlag(flag.content, flag.caseInsensitive);
    return (submission) => regex.test(submission);
  } catch {
    // Only a flag stored before regex flags were checked with RE2 gets here: it matches nothing (a solve it would
    // have given is the organiser's to fix). Its content is a flag, so it stays out of the log.
    logger.error(`regex flag ${flag.id ?? '(unsaved)'} does not compile under RE2: it matches no submission until an organiser replaces it`);
    return () => false;
  }
}

function compile(flag: FlagRule): Matcher {
  if (flag.kind === FlagKind.Regex) return compileRegex(flag);
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

/** Why RE2 refuses what a backtracking engine takes: every 400 for a regex flag says it. */
export const RE2_LIMITS = 'flags are matched with RE2, which has no lookaround or backreferences';

/**
 * Compiles a regex flag to match the whole submission, with RE2: its time is linear in the submission, so a pattern
 * such as `^(a+)+$` cannot stall the api. Throws SyntaxError when RE2 cannot compile it (lookaround, backreferences,
 * a repetition over 1000, a syntax error). RE2 reads a brace that starts no quantifier as a literal, as CTFd's
 * Python regexes do (`ACS{[a-z]+}`), and matches code points.
 */
export function compileRegexFlag(content: string, caseInsensitive: boolean): RE2 {
  const flags = caseInsensitive ? 'iu' : 'u';
  // Compiled alone first, so a pattern cannot close the wrapping group and escape the anchors (`a)|(b`).
  new RE2(content, flags);
  return new RE2(`^(?:${content})$`, flags);
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
