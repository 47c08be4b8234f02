import RE2 from 're2';
import { ArchiveCheck } from './project-archive';

/**
 * `*` (within one path segment) and `?`; everything else literal; case-insensitive. RE2 runs in linear time: an
 * organiser's `*.*.*` meets participants' file names, which V8's backtracking engine matched in polynomial time.
 */
export function globToRegExp(pattern: string): RE2 {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RE2(`^${source}$`, 'i');
}

/**
 * Paths relative to the project root: a zip whose files all sit in one top folder (as GitHub's
 * "Download ZIP" makes them) has that folder as its root.
 */
export function rootRelative(files: string[]): string[] {
  const clean = files.map((file) => file.replace(/\\/g, '/').replace(/^(\.\/)+/, ''));
  const tops = new Set(clean.map((file) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : null)));
  if (tops.size !== 1 || tops.has(null)) return clean;
  const [top] = [...tops] as string[];
  return clean.map((file) => file.slice(top.length + 1));
}

/** One check per required pattern: passed when some file at the project root matches it. */
export function requiredFileChecks(files: string[], patterns: string[]): ArchiveCheck[] {
  const relative = rootRelative(files);
  return patterns.map((pattern) => {
    const glob = globToRegExp(pattern);
    const match = relative.find((file) => glob.test(file));
    return {
      name: `required-file:${pattern}`,
      status: match ? 'passed' : 'failed',
      message: match ? `found ${match}` : `no file matching ${pattern} at the root of the archive`,
    };
  });
}

/** The size check, when the organiser set a size; a bigger archive warns. */
export function sizeCheck(size: number, maxBytes: number | null): ArchiveCheck | null {
  if (maxBytes === null) return null;
  const passed = size <= maxBytes;
  return {
    name: 'size',
    status: passed ? 'passed' : 'failed',
    message: passed ? `${size} bytes (at most ${maxBytes})` : `${size} bytes is more than the ${maxBytes} bytes asked for`,
  };
}
