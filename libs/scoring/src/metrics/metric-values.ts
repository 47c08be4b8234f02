import { ScoringFailure, quoteValue } from './scoring-failure';

// A plain decimal: optional sign, digits with an optional fraction (or a bare fraction), optional exponent.
// Rejects `NaN`, `Infinity`, hex `0x10`, `1_000`, `1,5`, empty text; `1e309` passes here and fails as not finite.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a team's prediction as a finite decimal number, or throws a ScoringFailure naming the row. */
export function parsePredictionNumber(prediction: string, row: number, id: string): number {
  const text = prediction.trim();
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw ScoringFailure.atRow(row, id, `prediction ${quoteValue(prediction)} is not a finite number`);
  }
  return value + 0; // -0 → 0
}

/** Parses a ground-truth value as a finite number; the message never repeats the value. */
export function parseTruthNumber(truth: string, row: number, id: string): number {
  const text = truth.trim();
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw ScoringFailure.atRow(row, id, 'the ground truth is not a finite number (the task is misconfigured)');
  }
  return value + 0;
}

/** Parses a binary ground-truth label (a number equal to 0 or 1, e.g. `1` or `1.0`); the message never repeats the value. */
export function parseTruthBinary(truth: string, row: number, id: string): 0 | 1 {
  const text = truth.trim();
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (value !== 0 && value !== 1) {
    throw ScoringFailure.atRow(row, id, 'the ground truth is not 0 or 1, as a binary metric needs (the task is misconfigured)');
  }
  return value;
}

/** A space-separated label list (`map_at_k`): any run of whitespace separates, empty text is the empty list. */
export function parseLabelList(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}
