import { FlagKind } from './challenge.enums';
import { compileRegexFlag, matchesAnyFlag, matchesFlag } from './flag-matcher';

const staticFlag = (content: string, caseInsensitive = false) => ({ kind: FlagKind.Static, content, caseInsensitive });
// The native binding's errors come from another realm than jest's globals: compared by name.
const errorOf = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return (error as Error).name;
  }
};
const regexFlag = (content: string, caseInsensitive = false) => ({ kind: FlagKind.Regex, content, caseInsensitive });

describe('flag matching', () => {
  it('should accept an exact static flag when case-sensitive', () => {
    expect(matchesFlag(staticFlag('ACS{xor_is_fun}'), 'ACS{xor_is_fun}')).toBe(true);
    expect(matchesFlag(staticFlag('ACS{xor_is_fun}'), 'acs{xor_is_fun}')).toBe(false);
  });

  it('should ignore case when the static flag is case-insensitive', () => {
    expect(matchesFlag(staticFlag('ACS{Xor}', true), 'acs{xOR}')).toBe(true);
  });

  it('should reject a prefix or a longer string when static', () => {
    expect(matchesFlag(staticFlag('ACS{a}'), 'ACS{a}x')).toBe(false);
    expect(matchesFlag(staticFlag('ACS{a}'), 'ACS{')).toBe(false);
  });

  it('should require the regex to match the whole submission', () => {
    expect(matchesFlag(regexFlag('ACS\\{[0-9]+\\}'), 'ACS{123}')).toBe(true);
    expect(matchesFlag(regexFlag('ACS\\{[0-9]+\\}'), 'xACS{123}')).toBe(false);
    expect(matchesFlag(regexFlag('ACS\\{[0-9]+\\}'), 'ACS{123}x')).toBe(false);
    expect(matchesFlag(regexFlag('a|b'), 'ab')).toBe(false);
  });

  it('should ignore case when the regex flag is case-insensitive', () => {
    expect(matchesFlag(regexFlag('acs\\{yes\\}', true), 'ACS{YES}')).toBe(true);
  });

  it('should throw when the regex is invalid', () => {
    expect(errorOf(() => compileRegexFlag('ACS{(', false))).toBe('SyntaxError');
    expect(errorOf(() => compileRegexFlag('[a-', true))).toBe('SyntaxError');
  });

  it('should throw when the regex needs backtracking (lookaround, backreferences), which RE2 does not have', () => {
    expect(errorOf(() => compileRegexFlag('(?=ACS)ACS\\{.*\\}', false))).toBe('SyntaxError');
    expect(errorOf(() => compileRegexFlag('ACS\\{.*(?<!x)\\}', false))).toBe('SyntaxError');
    expect(errorOf(() => compileRegexFlag('(a)\\1', true))).toBe('SyntaxError');
  });

  it('should throw when the pattern closes the group that anchors it', () => {
    expect(errorOf(() => compileRegexFlag('a)|(b', false))).toBe('SyntaxError');
  });

  it('should answer when the regex is catastrophic for a backtracking engine', () => {
    expect(matchesFlag(regexFlag('(a+)+'), `${'a'.repeat(50_000)}b`)).toBe(false);
    expect(matchesFlag(regexFlag('(a|aa)*c'), 'a'.repeat(50_000))).toBe(false);
    expect(matchesFlag(regexFlag('(a+)+'), 'a'.repeat(50_000))).toBe(true);
  });

  it('should match nothing when a stored regex flag does not compile under RE2', () => {
    const stored = { id: 'f1', kind: FlagKind.Regex, content: '(?=x)x', caseInsensitive: false };
    expect([matchesFlag(stored, 'x'), matchesFlag(stored, '')]).toEqual([false, false]);
    expect(matchesAnyFlag([stored, staticFlag('ACS{ok}')], 'ACS{ok}')).toBe(true);
  });

  it('should read a brace that starts no quantifier as a literal when the regex is CTFd-style', () => {
    expect(matchesFlag(regexFlag('ACS{[a-z_]+}'), 'ACS{lit_braces}')).toBe(true);
    expect(matchesFlag(regexFlag('ACS{[a-z_]+}'), 'ACS{digits_1}')).toBe(false);
    expect(matchesFlag(regexFlag('acs{.*}', true), 'ACS{Anything}')).toBe(true);
    expect(matchesFlag(regexFlag('ACS{.*}'), 'ACS{x}tail')).toBe(false);
  });

  it('should match code points when the regex is valid in Unicode mode', () => {
    expect(matchesFlag(regexFlag('ACS\\{.\\}'), 'ACS{😀}')).toBe(true);
    expect(matchesFlag(regexFlag('ACS\\{\\u{1F600}\\}'), 'ACS{😀}')).toBe(true);
  });

  it('should read inline flags and POSIX classes when the regex is CTFd-style', () => {
    expect(matchesFlag(regexFlag('(?i)acs\\{yes\\}'), 'ACS{YES}')).toBe(true);
    expect(matchesFlag(regexFlag('ACS\\{[[:digit:]]+\\}'), 'ACS{42}')).toBe(true);
  });

  it('should accept when any of several flags matches', () => {
    expect(matchesAnyFlag([staticFlag('one'), regexFlag('t.o')], 'two')).toBe(true);
    expect(matchesAnyFlag([staticFlag('one'), regexFlag('t.o')], 'three')).toBe(false);
    expect(matchesAnyFlag([], 'anything')).toBe(false);
  });
});

describe('compiled flags', () => {
  it('should match again the same way when a flag object is reused, and follow a flag changed in place', () => {
    const flag = { kind: FlagKind.Static, content: 'ACS{one}', caseInsensitive: false };
    expect([matchesFlag(flag, 'ACS{one}'), matchesFlag(flag, 'ACS{one}'), matchesFlag(flag, 'acs{one}')]).toEqual([true, true, false]);
    flag.caseInsensitive = true;
    expect(matchesFlag(flag, 'acs{one}')).toBe(true);
    flag.content = 'ACS{two}';
    expect([matchesFlag(flag, 'ACS{one}'), matchesFlag(flag, 'acs{TWO}')]).toEqual([false, true]);
    flag.kind = FlagKind.Regex;
    flag.content = 'ACS\\{[0-9]+\\}';
    expect([matchesFlag(flag, 'ACS{12}'), matchesFlag(flag, 'ACS{12}'), matchesFlag(flag, 'ACS{two}')]).toEqual([true, true, false]);
  });
});
