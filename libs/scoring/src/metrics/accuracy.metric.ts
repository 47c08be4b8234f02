import { Metric } from './metric';
import { ScoringFailure } from './scoring-failure';

/** `accuracy`: the share of rows whose prediction equals the ground truth, labels compared as trimmed strings. */
export class AccuracyMetric implements Metric {
  private rows = 0;
  private correct = 0;

  add(truth: string, prediction: string): void {
    this.rows++;
    if (truth.trim() === prediction.trim()) this.correct++;
  }

  finish(): number {
    if (this.rows === 0) throw new ScoringFailure('there are no rows to score');
    return this.correct / this.rows;
  }
}
