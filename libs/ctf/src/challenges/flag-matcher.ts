import { timingSafeEqual, createHash } from 'crypto';
import { FlagKind } from './challenge.enums';

/** The parts of a flag the matcher needs. */
export interface FlagRule {
  kind: FlagKind;
  content: string;
  caseInsensitive: boolean;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

// Comparing fixed-length digests keeps the time independent of where the strings differ.
function constantTimeEquals(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
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
  if (flag.kind === FlagKind.Regex) return compileRegexFlag(flag.content, flag.caseInsensitive).test(submission);
  const expected = flag.content.trim();
  return flag.caseInsensitive
    ? constantTimeEquals(expected.toLowerCase(), submission.toLowerCase())
    : constantTimeEquals(expected, submission);
}

/** True when any flag matches; every flag is compared, so the time does not tell which one was close. */
export function matchesAnyFlag(flags: FlagRule[], submission: string): boolean {
  let matched = false;
  for (const flag of flags) matched = matchesFlag(flag, submission) || matched;
  return matched;
}
