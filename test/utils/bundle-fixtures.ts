import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

/** A file of test/fixtures/bundles. */
export const bundleFixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'bundles', name), 'utf8');

/** Labels of the reference data: public (development) and private (final) rows. */
export const DEV_LABELS = ['cat', 'dog', 'cat', 'dog', 'bird', 'cat'];
export const FINAL_LABELS = ['dog', 'dog', 'cat', 'bird', 'bird', 'cat'];
export const SUBMITTED = ['cat', 'dog', 'dog', 'dog', 'bird', 'bird'];

export const labelsCsv = (labels: string[]) => ['id,label', ...labels.map((label, index) => `${index + 1},${label}`)].join('\n') + '\n';

/**
 * Runs a CodaLab scoring program directly with Debian's python3, outside Arena, on the given files laid out as
 * CodaLab does; returns what it wrote to scores.txt. The e2e suites compare Arena's scores with it.
 */
export function runCodalabDirectly(
  program: Record<string, string>,
  ref: Record<string, string>,
  res: Record<string, string>,
  args: (dirs: { program: string; input: string; output: string }) => string[],
): string {
  const root = mkdtempSync(join(tmpdir(), 'arena-direct-'));
  try {
    const dirs = { program: join(root, 'program'), input: join(root, 'input'), output: join(root, 'output') };
    const write = (base: string, files: Record<string, string>) => {
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(base, name)), { recursive: true });
        writeFileSync(join(base, name), content);
      }
    };
    write(dirs.program, program);
    write(join(dirs.input, 'ref'), ref);
    write(join(dirs.input, 'res'), res);
    mkdirSync(dirs.output, { recursive: true });
    const run = spawnSync('/usr/bin/python3', args(dirs), { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    if (run.status !== 0) throw new Error(`direct run failed: ${run.stderr}`);
    return readFileSync(join(dirs.output, 'scores.txt'), 'utf8');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `key: value` lines as numbers (non-numeric values skipped). */
export function scoresTxt(text: string): Record<string, number> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()])
      .filter(([key, value]) => key && value !== undefined && /^[-+0-9.eE]+$/.test(value))
      .map(([key, value]) => [key, Number(value)]),
  );
}
