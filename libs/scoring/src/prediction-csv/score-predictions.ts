import { MetricOptions } from '../metrics/metric';
import { metricDefinition } from '../metrics/metric-registry';
import { ScoringFailure } from '../metrics/scoring-failure';
import { CsvInput, readCsvRecords } from './csv-records';
import { Split } from './fraction-split';
import { GroundTruthIndex } from './ground-truth-index';
import { PredictionPass } from './prediction-pass';

/** What to score. */
export interface ScorePredictionsOptions extends MetricOptions {
  groundTruth: GroundTruthIndex;
  /** The team's CSV, streamed (e.g. a blob read stream); destroyed early at the first bad row. */
  predictions: CsvInput;
  /** A built-in metric name (anything else is a programming error and throws). */
  metric: string;
  /** Score only this split's rows; every ground-truth id must still be in the file. All rows when absent. */
  split?: Split | null;
}

/** A score, or the message the failed submission shows (names the first bad row and its id). */
export type ScoreOutcome = { score: number } | { failure: string };

/** Both boards from one pass; a split without rows scores null. */
export type SplitScoresOutcome = { scores: Record<Split, number | null> } | { failure: string };

/**
 * Validates a team's prediction CSV against the ground truth and scores it, in one streaming pass.
 * Content problems resolve to `{ failure }`; errors reading the input (infrastructure) reject.
 */
export async function scorePredictions(options: ScorePredictionsOptions): Promise<ScoreOutcome> {
  const { groundTruth, split, metric: name } = options;
  const definition = metricDefinition(name);
  const metric = definition.create(options);
  const pass = new PredictionPass(groundTruth, definition, split ? { [split]: metric } : { all: metric });
  return asOutcome(async () => {
    pass.end(await readCsvRecords(options.predictions, pass.onRecord));
    if (split && groundTruth.count(split) === 0) throw new ScoringFailure(`the ${split} split has no rows to score`);
    return { score: finishWithin(metric.finish.bind(metric), split) };
  });
}

/** Scores the public and the private split in the same pass (the worker's usual call). */
export async function scorePredictionSplits(options: Omit<ScorePredictionsOptions, 'split'>): Promise<SplitScoresOutcome> {
  const { groundTruth, metric: name } = options;
  const definition = metricDefinition(name);
  const metrics = { public: definition.create(options), private: definition.create(options) };
  const pass = new PredictionPass(groundTruth, definition, metrics);
  return asOutcome(async () => {
    pass.end(await readCsvRecords(options.predictions, pass.onRecord));
    const score = (split: Split) => (groundTruth.count(split) === 0 ? null : finishWithin(metrics[split].finish.bind(metrics[split]), split));
    return { scores: { public: score('public'), private: score('private') } };
  });
}

async function asOutcome<T>(run: () => Promise<T>): Promise<T | { failure: string }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ScoringFailure) return { failure: error.message };
    throw error;
  }
}

// A metric undefined for the data (one-class AUC) says which split it is about.
function finishWithin(finish: () => number, split: Split | null | undefined): number {
  try {
    return finish();
  } catch (error) {
    if (error instanceof ScoringFailure && split) throw new ScoringFailure(`${split} split: ${error.message}`);
    throw error;
  }
}
