import { Metric } from '../metrics/metric';
import { checkPrediction, MetricDefinition } from '../metrics/metric-registry';
import { quoteValue, ScoringFailure } from '../metrics/scoring-failure';
import { delimiterHint } from './csv-records';
import { Split } from './fraction-split';
import { GroundTruthIndex } from './ground-truth-index';

/** The accumulators of one pass: one per scored split, or one for every row. */
export type PassMetrics = { all: Metric } | Partial<Record<Split, Metric>>;

/**
 * Validates a team's prediction file row by row against the ground truth and feeds each row to the
 * metric of its split. Every row is validated, whichever split is scored, so a file fails the same way
 * for every board.
 */
export class PredictionPass {
  // 1-based prediction row where each ground-truth id was seen (0: not yet).
  private readonly seenOnRow: Uint32Array;
  private idAt = 0;
  private targetAt = 1;

  constructor(
    private readonly groundTruth: GroundTruthIndex,
    private readonly definition: MetricDefinition,
    private readonly metrics: PassMetrics,
  ) {
    this.seenOnRow = new Uint32Array(groundTruth.size);
  }

  readonly onRecord = (fields: string[], index: number): void => {
    if (index === 0) this.header(fields);
    else this.row(fields, index);
  };

  /** Call after the last record with the record count: the file must hold every ground-truth id. */
  end(records: number): void {
    const { idColumn, targetColumn } = this.groundTruth.columns;
    if (records === 0) throw new ScoringFailure(`the file is empty (expected the header ${idColumn},${targetColumn})`);
    const rows = records - 1;
    if (rows === this.groundTruth.size) return;
    for (const [id, index] of this.groundTruth.ids()) {
      if (this.seenOnRow[index] === 0) {
        throw new ScoringFailure(`the file has ${rows} data row(s), expected ${this.groundTruth.size} (one per id): id ${quoteValue(id)} is missing`);
      }
    }
  }

  private header(fields: string[]): void {
    const names = fields.map((name) => name.trim());
    const { idColumn, targetColumn } = this.groundTruth.columns;
    if (names.length === 1 && delimiterHint(names[0]) !== '') {
      throw new ScoringFailure(`the header ${quoteValue(fields[0])} is not comma-separated${delimiterHint(names[0])}`);
    }
    const repeated = names.filter((name, i) => names.indexOf(name) !== i);
    if (repeated.length > 0) {
      throw new ScoringFailure(`the header repeats the column(s) ${[...new Set(repeated)].map(quoteValue).join(', ')}`);
    }
    const missing = [idColumn, targetColumn].filter((name) => !names.includes(name));
    const extra = names.filter((name) => name !== idColumn && name !== targetColumn);
    if (missing.length > 0 || extra.length > 0) {
      const problems = [missing.length > 0 ? `missing ${missing.map(quoteValue).join(', ')}` : '', extra.length > 0 ? `unexpected ${extra.map(quoteValue).join(', ')}` : ''].filter(
        Boolean,
      );
      throw new ScoringFailure(`the header must be exactly the columns ${quoteValue(idColumn)} and ${quoteValue(targetColumn)} (in any order): ${problems.join('; ')}`);
    }
    this.idAt = names.indexOf(idColumn);
    this.targetAt = names.indexOf(targetColumn);
  }

  private row(fields: string[], row: number): void {
    const id = (fields[this.idAt] ?? '').trim();
    if (fields.length !== 2) {
      const hint = fields.length === 1 ? delimiterHint(fields[0]) : '';
      throw ScoringFailure.atRow(row, id, `has ${fields.length} field(s), expected 2${hint}`);
    }
    const index = this.groundTruth.indexOf(id);
    if (index === undefined) throw ScoringFailure.atRow(row, id, 'unknown id (not in the ground truth)');
    const firstRow = this.seenOnRow[index];
    if (firstRow !== 0) throw ScoringFailure.atRow(row, id, `duplicate id (first on row ${firstRow})`);
    this.seenOnRow[index] = row;
    const prediction = fields[this.targetAt];
    const metric = 'all' in this.metrics ? this.metrics.all : this.metrics[this.groundTruth.splitAt(index)];
    if (metric) metric.add(this.groundTruth.targetAt(index), prediction, row, id);
    else checkPrediction(this.definition, prediction, row, id);
  }
}
