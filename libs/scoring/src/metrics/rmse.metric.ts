import { CompensatedSum } from './compensated-sum';
import { Metric } from './metric';
import { parsePredictionNumber, parseTruthNumber } from './metric-values';
import { ScoringFailure } from './scoring-failure';

/** `rmse` = √(Σ(p − y)² / N). */
export class RmseMetric implements Metric {
  private readonly squares = new CompensatedSum();
  private rows = 0;

  add(truth: string, prediction: string, row: number, id: string): void {
    const p = parsePredictionNumber(prediction, row, id);
    const y = parseTruthNumber(truth, row, id);
    const error = p - y;
    this.squares.add(error * error);
    this.rows++;
  }

  finish(): number {
    if (this.rows === 0) throw new ScoringFailure('there are no rows to score');
    const score = Math.sqrt(this.squares.value / this.rows);
    // Huge finite inputs (1e200) can overflow the squares; a score must be a number.
    if (!Number.isFinite(score)) throw new ScoringFailure('rmse overflows: the predictions are too far from the ground truth');
    return score;
  }
}
