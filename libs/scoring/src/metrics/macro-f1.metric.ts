import { Metric } from './metric';
import { ScoringFailure } from './scoring-failure';

interface LabelCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * `macro_f1`: the unweighted mean over every label seen in y or p of F1 = 2·TP / (2·TP + FP + FN),
 * 0 when the denominator is 0, as scikit-learn `f1_score(average="macro")`. Labels are trimmed strings.
 */
export class MacroF1Metric implements Metric {
  private readonly labels = new Map<string, LabelCounts>();
  private rows = 0;

  add(truth: string, prediction: string): void {
    const y = truth.trim();
    const p = prediction.trim();
    this.rows++;
    if (y === p) {
      this.counts(y).tp++;
    } else {
      this.counts(p).fp++;
      this.counts(y).fn++;
    }
  }

  finish(): number {
    if (this.rows === 0) throw new ScoringFailure('there are no rows to score');
    // Summed in sorted label order (as scikit-learn's unique_labels), so the row order cannot change the digits.
    const sorted = [...this.labels.keys()].sort();
    let sum = 0;
    for (const label of sorted) {
      const { tp, fp, fn } = this.labels.get(label)!;
      const denominator = 2 * tp + fp + fn;
      sum += denominator === 0 ? 0 : (2 * tp) / denominator;
    }
    return sum / sorted.length;
  }

  private counts(label: string): LabelCounts {
    let counts = this.labels.get(label);
    if (counts === undefined) {
      counts = { tp: 0, fp: 0, fn: 0 };
      this.labels.set(label, counts);
    }
    return counts;
  }
}
