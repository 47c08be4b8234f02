import { parse } from 'yaml';

/** A file or folder of the bundle: a nested `.zip`, a folder of files, or one file. */
export interface BundleRef {
  /** The key of competition.yaml that named it (for messages). */
  key: string;
  /** Its path in the bundle archive (a folder without the trailing slash). */
  path: string;
  kind: 'zip' | 'folder' | 'file';
}

/** One phase as Arena uses it: its scoring program and reference data. */
export interface BundlePhase {
  name: string;
  scoringProgram: BundleRef | null;
  referenceData: BundleRef | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** What a competition.yaml maps onto: one Arena task whose public board is the first phase and private board the last. */
export interface BundlePlan {
  version: 1 | 2;
  title: string;
  description: string;
  public: BundlePhase;
  private: BundlePhase;
  scoreKey: string;
  higherIsBetter: boolean;
  /** Every leaderboard column (keys the scorer writes), the ranking one first. */
  columns: string[];
  maxDailySubmissions: number | null;
  maxSubmissions: number | null;
  wallSeconds: number | null;
  startingKit: BundleRef | null;
  warnings: string[];
  problems: string[];
}

type Doc = Record<string, unknown>;
const isMapping = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys of competition.yaml that Arena reads; every other one gets a warning naming it. */
const READ_V1 = new Set(['title', 'description', 'phases', 'leaderboard', 'end_date']);
const READ_V2 = new Set(['version', 'title', 'description', 'phases', 'tasks', 'leaderboards', 'leaderboard']);
const READ_PHASE_V1 = new Set([
  'phasenumber',
  'label',
  'start_date',
  'max_submissions',
  'max_submissions_per_day',
  'scoring_program',
  'reference_data',
  'starting_kit',
  'execution_time_limit',
]);
const READ_PHASE_V2 = new Set(['index', 'name', 'start', 'end', 'max_submissions', 'max_submissions_per_day', 'tasks', 'starting_kit', 'execution_time_limit']);
const READ_TASK_V2 = new Set(['index', 'name', 'scoring_program', 'reference_data']);
// Bookkeeping that changes nothing Arena does: not worth a warning each.
const QUIET = new Set(['color', 'description', 'phasenumber', 'is_public', 'auto_migration', 'hidden', 'key', 'index']);

/** Reads a bundle's competition.yaml against the bundle's file list; collects every problem instead of stopping at the first. */
export class CompetitionReader {
  readonly warnings: string[] = [];
  readonly problems: string[] = [];

  constructor(
    private readonly files: Set<string>,
    /** The folder of competition.yaml in the archive ('' or `folder/`). */
    private readonly base: string,
  ) {}

  problem(message: string): void {
    this.problems.push(message);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  unused(doc: Doc, read: Set<string>, prefix: string): void {
    for (const key of Object.keys(doc)) if (!read.has(key) && !QUIET.has(key)) this.warn(`${prefix}${key} is not used by Arena`);
  }

  string(value: unknown, key: string): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    this.problem(`${key} must be a string`);
    return null;
  }

  count(value: unknown, key: string): number | null {
    if (value === undefined || value === null || value === '') return null;
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
      this.problem(`${key} must be a whole number, not ${JSON.stringify(value)}`);
      return null;
    }
    return number === 0 ? null : number;
  }

  date(value: unknown, key: string): Date | null {
    if (value === undefined || value === null || value === '') return null;
    const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) {
      this.problem(`${key} is not a date: ${JSON.stringify(value)}`);
      return null;
    }
    return date;
  }

  /** A path named by the yaml, found in the bundle as a file, a nested zip or a folder. */
  ref(value: unknown, key: string): BundleRef | null {
    const name = this.string(value, key);
    if (name === null) return null;
    const path = `${this.base}${name.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '')}`;
    if (path.split('/').includes('..')) {
      this.problem(`${key}: ${name} leaves the bundle (..)`);
      return null;
    }
    if (this.files.has(path)) return { key, path, kind: path.toLowerCase().endsWith('.zip') ? 'zip' : 'file' };
    if (!path.toLowerCase().endsWith('.zip') && this.files.has(`${path}.zip`)) return { key, path: `${path}.zip`, kind: 'zip' };
    if ([...this.files].some((file) => file.startsWith(`${path}/`))) return { key, path, kind: 'folder' };
    this.problem(`${key}: ${name} is not in the bundle`);
    return null;
  }
}

/** Parses competition.yaml; a syntax error is a problem with its line. */
export function parseCompetitionYaml(text: string): { doc: Doc } | { problem: string } {
  let doc: unknown;
  try {
    doc = parse(text.replace(/^\uFEFF/, ''), { maxAliasCount: 100, uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    return { problem: `competition.yaml is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!isMapping(doc)) return { problem: 'competition.yaml must be a mapping (title, phases, leaderboard…)' };
  return { doc };
}

export { isMapping };
export type { Doc };
export { READ_PHASE_V1, READ_PHASE_V2, READ_TASK_V2, READ_V1, READ_V2 };
