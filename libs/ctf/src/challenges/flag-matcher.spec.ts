import { FlagKind } from './challenge.enums';
import { compileRegexFlag, matchesAnyFlag, matchesFlag } from './flag-matcher';

const staticFlag = (content: string, caseInsensitive = false) => ({ kind: FlagKind.Static, content, caseInsensitive });
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
    expect(() => compileRegexFlag('ACS{(', false)).toThrow(SyntaxError);
  });

  it('should accept when any of several flags matches', () => {
    expect(matchesAnyFlag([staticFlag('one'), regexFlag('t.o')], 'two')).toBe(true);
    expect(matchesAnyFlag([staticFlag('one'), regexFlag('t.o')], 'three')).toBe(false);
    expect(matchesAnyFlag([], 'anything')).toBe(false);
  });
});
