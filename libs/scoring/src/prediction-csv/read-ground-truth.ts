import { checkTruth, MetricDefinition, metricDefinition } from '../metrics/metric-registry';
import { quoteValue, ScoringFailure } from '../metrics/scoring-failure';
import { CsvInput, delimiterHint, readCsvRecords } from './csv-records';
import { FractionSplit } from './fraction-split';
import { GroundTruthIndex } from './ground-truth-index';

/** The public share when a task has neither a split column nor `publicFraction` (api-v1.md). */
export const DEFAULT_PUBLIC_FRACTION = 0.3;

/** How to read a task's ground truth. */
export interface GroundTruthOptions {
  idColumn: string;
  targetColumn: string;
  /** A column holding `public` or `private` per row; when absent the split is seeded by `taskId` and `publicFraction`. */
  splitColumn?: string | null;
  /** Share of rows on the public board without a split column (default 0.3). */
  publicFraction?: number | null;
  /** Seeds the fraction split; required without a split column (see FractionSplit). */
  taskId?: string | null;
  /** When set, every target is checked for this built-in metric (finite numbers, or 0/1). */
  metric?: string | null;
}

/**
 * Reads an organiser's ground-truth CSV into a GroundTruthIndex, streaming. The header must hold `idColumn`,
 * `targetColumn` (and `splitColumn` when given), other columns are ignored; ids are non-empty and unique.
 * Rejects with a ScoringFailure (message prefixed `ground truth:`, naming the row and id, never a target value).
 */
export async function readGroundTruth(input: CsvInput, options: GroundTruthOptions): Promise<GroundTruthIndex> {
  const builder = new GroundTruthBuilder(options);
  try {
    const records = await readCsvRecords(input, (fields, index) => (index === 0 ? builder.header(fields) : builder.row(fields, index)));
    if (records === 0) throw new ScoringFailure('the file is empty');
    if (records === 1) throw new ScoringFailure('the file has a header but no data rows');
  } catch (error) {
    if (error instanceof ScoringFailure) throw new ScoringFailure(`ground truth: ${error.message}`, error.row, error.id);
    throw error;
  }
  return builder.build();
}

class GroundTruthBuilder {
  private readonly indexById = new Map<string, number>();
  private readonly targets: string[] = [];
  private readonly splits: number[] = [];
  private readonly fractionSplit?: FractionSplit;
  private readonly metric?: MetricDefinition;
  private width = 0;
  private idAt = -1;
  private targetAt = -1;
  private splitAt = -1;

  constructor(private readonly options: GroundTruthOptions) {
    if (!options.splitColumn) {
      if (!options.taskId) throw new RangeError('readGroundTruth needs taskId to seed the split when there is no splitColumn');
      this.fractionSplit = new FractionSplit(options.taskId, options.publicFraction ?? DEFAULT_PUBLIC_FRACTION);
    }
    if (options.metric) this.metric = metricDefinition(options.metric);
  }

  header(fields: string[]): void {
    const names = fields.map((name) => name.trim());
    const wanted = [this.options.idColumn, this.options.targetColumn];
    if (this.options.splitColumn) wanted.push(this.options.splitColumn);
    const missing = wanted.filter((name) => !names.includes(name));
    if (missing.length > 0) {
      const delimiter = names.length === 1 ? delimiterHint(names[0]) : '';
      throw new ScoringFailure(`the header lacks the column(s) ${missing.map(quoteValue).join(', ')}${delimiter}`);
    }
    const repeated = wanted.filter((name) => names.indexOf(name) !== names.lastIndexOf(name));
    if (repeated.length > 0) throw new ScoringFailure(`the header repeats the column(s) ${repeated.map(quoteValue).join(', ')}`);
    this.width = names.length;
    this.idAt = names.indexOf(this.options.idColumn);
    this.targetAt = names.indexOf(this.options.targetColumn);
    this.splitAt = this.options.splitColumn ? names.indexOf(this.options.splitColumn) : -1;
  }

  row(fields: string[], row: number): void {
    const id = (fields[this.idAt] ?? '').trim();
    if (fields.length !== this.width) {
      throw ScoringFailure.atRow(row, id, `has ${fields.length} field(s), the header has ${this.width}`);
    }
    if (id === '') throw ScoringFailure.atRow(row, id, 'the id is empty');
    const first = this.indexById.get(id);
    if (first !== undefined) throw ScoringFailure.atRow(row, id, `duplicate id (first on row ${first + 1})`);
    const target = fields[this.targetAt].trim();
    if (this.metric) checkTruth(this.metric, target, row, id);
    this.indexById.set(id, this.targets.length);
    this.targets.push(target);
    this.splits.push(this.splitOf(fields, row, id) === 'public' ? 0 : 1);
  }

  build(): GroundTruthIndex {
    const { idColumn, targetColumn } = this.options;
    return new GroundTruthIndex({ idColumn, targetColumn }, this.indexById, this.targets, Uint8Array.from(this.splits));
  }

  private splitOf(fields: string[], row: number, id: string): 'public' | 'private' {
    if (this.fractionSplit) return this.fractionSplit.splitOf(id);
    const value = fields[this.splitAt].trim();
    if (value !== 'public' && value !== 'private') {
      throw ScoringFailure.atRow(row, id, `split ${quoteValue(value)} is neither "public" nor "private"`);
    }
    return value;
  }
}
