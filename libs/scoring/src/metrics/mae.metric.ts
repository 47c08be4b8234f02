import { CompensatedSum } from './compensated-sum';
import { Metric } from './metric';
import { parsePredictionNumber, parseTruthNumber } from './metric-values';
import { ScoringFailure } from './scoring-failure';

/** `mae` = Σ|p − y| / N. */
export class MaeMetric implements Metric {
  private readonly errors = new CompensatedSum();
  private rows = 0;

  add(truth: string, prediction: string, row: number, id: string): void {
    const p = parsePredictionNumber(prediction, row, id);
    const y = parseTruthNumber(truth, row, id);
    this.errors.add(Math.abs(p - y));
    this.rows++;
  }

  finish(): number {
    if (this.rows === 0) throw new ScoringFailure('there are no rows to score');
    const score = this.errors.value / this.rows;
    if (!Number.isFinite(score)) throw new ScoringFailure('mae overflows: the predictions are too far from the ground truth');
    return score;
  }
}
