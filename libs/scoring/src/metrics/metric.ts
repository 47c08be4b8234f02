/** The built-in metrics of scoring.md (a task's `metric`, except `custom`). */
export type MetricName = 'accuracy' | 'macro_f1' | 'rmse' | 'mae' | 'log_loss' | 'roc_auc' | 'map_at_k';

/** Options of a metric: `k` for `map_at_k` (default 10). */
export interface MetricOptions {
  k?: number | null;
}

/**
 * A metric computed in one streaming pass: `add` every row of the split, then `finish` once.
 * Both throw a ScoringFailure for content problems (a bad row, a metric undefined for the data).
 */
export interface Metric {
  /** Adds one row: its ground truth, the team's prediction, its 1-based data row in the prediction file and its id. */
  add(truth: string, prediction: string, row: number, id: string): void;
  /** The score over every row added. */
  finish(): number;
}

/** What a metric expects in the target column (the prediction file is validated accordingly on every row). */
export type PredictionKind = 'number' | 'label' | 'labels';
