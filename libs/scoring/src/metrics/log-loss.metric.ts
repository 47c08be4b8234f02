import { CompensatedSum } from './compensated-sum';
import { Metric } from './metric';
import { parsePredictionNumber, parseTruthBinary } from './metric-values';
import { ScoringFailure } from './scoring-failure';

/** The clipping bound of scoring.md: p is clipped to [ε, 1 − ε]. */
export const LOG_LOSS_EPSILON = 1e-15;

/** `log_loss` (binary, y ∈ {0,1}, p = probability of 1): −Σ(y·ln p + (1 − y)·ln(1 − p)) / N with p clipped. */
export class LogLossMetric implements Metric {
  private readonly losses = new CompensatedSum();
  private rows = 0;

  add(truth: string, prediction: string, row: number, id: string): void {
    const p = Math.min(Math.max(parsePredictionNumber(prediction, row, id), LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    const y = parseTruthBinary(truth, row, id);
    this.losses.add(y === 1 ? -Math.log(p) : -Math.log(1 - p));
    this.rows++;
  }

  finish(): number {
    if (this.rows === 0) throw new ScoringFailure('there are no rows to score');
    return this.losses.value / this.rows;
  }
}
