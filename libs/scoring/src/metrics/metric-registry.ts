import { AccuracyMetric } from './accuracy.metric';
import { LogLossMetric } from './log-loss.metric';
import { MacroF1Metric } from './macro-f1.metric';
import { MaeMetric } from './mae.metric';
import { DEFAULT_MAP_K, MapAtKMetric } from './map-at-k.metric';
import { Metric, MetricName, MetricOptions, PredictionKind } from './metric';
import { parsePredictionNumber, parseTruthBinary, parseTruthNumber } from './metric-values';
import { RmseMetric } from './rmse.metric';
import { RocAucMetric } from './roc-auc.metric';

/** What the rest of the platform needs to know about a built-in metric. */
export interface MetricDefinition {
  name: MetricName;
  /** Direction of the board: `accuracy`, `macro_f1`, `roc_auc`, `map_at_k` higher; `rmse`, `mae`, `log_loss` lower. */
  higherIsBetter: boolean;
  /** What the target column holds: a finite number, a label, or a space-separated label list. */
  prediction: PredictionKind;
  /** What the ground truth must hold: any text, a finite number, or 0/1. */
  truth: 'text' | 'number' | 'binary';
  create(options: MetricOptions): Metric;
}

const definitions: Record<MetricName, MetricDefinition> = {
  accuracy: { name: 'accuracy', higherIsBetter: true, prediction: 'label', truth: 'text', create: () => new AccuracyMetric() },
  macro_f1: { name: 'macro_f1', higherIsBetter: true, prediction: 'label', truth: 'text', create: () => new MacroF1Metric() },
  rmse: { name: 'rmse', higherIsBetter: false, prediction: 'number', truth: 'number', create: () => new RmseMetric() },
  mae: { name: 'mae', higherIsBetter: false, prediction: 'number', truth: 'number', create: () => new MaeMetric() },
  log_loss: { name: 'log_loss', higherIsBetter: false, prediction: 'number', truth: 'binary', create: () => new LogLossMetric() },
  roc_auc: { name: 'roc_auc', higherIsBetter: true, prediction: 'number', truth: 'binary', create: () => new RocAucMetric() },
  map_at_k: {
    name: 'map_at_k',
    higherIsBetter: true,
    prediction: 'labels',
    truth: 'text',
    create: (options) => new MapAtKMetric(options.k ?? DEFAULT_MAP_K),
  },
};

/** Every built-in metric name. */
export const METRIC_NAMES = Object.keys(definitions) as MetricName[];

/** Whether `name` is a built-in metric (`custom` is not). */
export function isMetricName(name: string): name is MetricName {
  return Object.prototype.hasOwnProperty.call(definitions, name);
}

/** The definition of a built-in metric; throws (a programming error, not a ScoringFailure) for any other name. */
export function metricDefinition(name: string): MetricDefinition {
  if (!isMetricName(name)) throw new RangeError(`unknown metric ${JSON.stringify(name)}`);
  return definitions[name];
}

/** A fresh accumulator for one pass over one split. */
export function createMetric(name: string, options: MetricOptions = {}): Metric {
  return metricDefinition(name).create(options);
}

/** Whether a higher score is better for this metric. */
export function metricHigherIsBetter(name: string): boolean {
  return metricDefinition(name).higherIsBetter;
}

/** Validates a prediction the metric will not see (a row of another split), with the same message `add` would give. */
export function checkPrediction(definition: MetricDefinition, prediction: string, row: number, id: string): void {
  if (definition.prediction === 'number') parsePredictionNumber(prediction, row, id);
}

/** Validates a ground-truth value for the metric (at task creation); the message names the row and id, never the value. */
export function checkTruth(definition: MetricDefinition, truth: string, row: number, id: string): void {
  if (definition.truth === 'number') parseTruthNumber(truth, row, id);
  else if (definition.truth === 'binary') parseTruthBinary(truth, row, id);
}
