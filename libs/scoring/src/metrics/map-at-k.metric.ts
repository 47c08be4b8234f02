import { CompensatedSum } from './compensated-sum';
import { Metric } from './metric';
import { parseLabelList } from './metric-values';
import { ScoringFailure } from './scoring-failure';

/** `k` of `map_at_k` when the task sets none. */
export const DEFAULT_MAP_K = 10;

/**
 * `map_at_k`: the mean over rows of AP@k = Σ_{i≤k, p_i ∈ y, p_i not in p_1..p_{i−1}} precision@i / min(|y|, k),
 * 0 when y is empty; precision@i = hits among p_1..p_i / i. Identical to Kaggle's `apk`/`mapk`
 * (ml_metrics), with y taken as a set of distinct labels.
 */
export class MapAtKMetric implements Metric {
  private readonly precisions = new CompensatedSum();
  private rows = 0;

  constructor(private readonly k: number = DEFAULT_MAP_K) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`map_at_k needs a positive integer k, got ${k}`);
  }

  add(truth: string, prediction: string): void {
    this.rows++;
    this.precisions.add(averagePrecisionAtK(parseLabelList(truth), parseLabelList(prediction), this.k));
  }

  finish(): number {
    if (this.rows === 0) throw new ScoringFailure('there are no rows to score');
    return this.precisions.value / this.rows;
  }
}

/** AP@k of one row (exported for the worked examples). */
export function averagePrecisionAtK(truth: readonly string[], predicted: readonly string[], k: number): number {
  // Lists are short (k is small, y a few labels): linear scans beat building Sets on every row.
  const relevant = truth.filter((label, i) => truth.indexOf(label) === i);
  if (relevant.length === 0) return 0;
  let hits = 0;
  let sum = 0;
  const depth = Math.min(k, predicted.length);
  for (let i = 0; i < depth; i++) {
    const label = predicted[i];
    if (relevant.includes(label) && predicted.indexOf(label) === i) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return sum / Math.min(relevant.length, k);
}
