import { globToRegExp, requiredFileChecks, rootRelative, sizeCheck } from './archive-checks';

describe('globToRegExp', () => {
  it('should match within one path segment and ignore case when the pattern has * or ?', () => {
    expect(globToRegExp('README*').test('readme.md')).toBe(true);
    expect(globToRegExp('README*').test('docs/README.md')).toBe(false);
    expect(globToRegExp('LICEN?E').test('LICENSE')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('rootRelative', () => {
  it('should strip the single top folder when every file is inside it', () => {
    expect(rootRelative(['proj-main/README.md', 'proj-main/src/a.ts'])).toEqual(['README.md', 'src/a.ts']);
  });

  it('should keep the paths when files sit at the root or in several folders', () => {
    expect(rootRelative(['README.md', 'src/a.ts'])).toEqual(['README.md', 'src/a.ts']);
    expect(rootRelative(['a/x', 'b/y'])).toEqual(['a/x', 'b/y']);
  });
});

describe('requiredFileChecks', () => {
  it('should pass a pattern when a root file matches it and fail it otherwise', () => {
    expect(requiredFileChecks(['repo/readme.txt', 'repo/src/x.ts'], ['README*', 'LICENSE'])).toEqual([
      { name: 'required-file:README*', status: 'passed', message: 'found readme.txt' },
      { name: 'required-file:LICENSE', status: 'failed', message: 'no file matching LICENSE at the root of the archive' },
    ]);
  });
});

describe('sizeCheck', () => {
  it('should warn when the archive is bigger than asked and say nothing when no size is set', () => {
    expect(sizeCheck(10, 10)?.status).toBe('passed');
    expect(sizeCheck(11, 10)?.status).toBe('failed');
    expect(sizeCheck(11, null)).toBeNull();
  });
});

describe('required files on hostile names', () => {
  it('should answer in linear time when many stars meet a long dotted name that does not match', () => {
    // V8's backtracking engine takes minutes on this pair; RE2 answers at once (jest's timeout is the bound).
    const name = `${'a.'.repeat(20000)}`;
    expect(requiredFileChecks([name], ['*.*.*.*.*.*.*.*.*.b'])[0]).toMatchObject({ status: 'failed' });
  });
});
