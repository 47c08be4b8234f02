import { SandboxResult } from '@arena/sandbox';
import { RunFacts, RunOutput } from '../submissions/submission-report';

/** What one scoring step produced: a score, or a failure naming why (never a ground-truth value). */
export type StepResult = { score: number } | { failure: string; reason: string };

/** The platform's facts of a sandboxed run, for the report. */
export function runFacts(step: string, run: SandboxResult): RunFacts {
  return { step, verdict: run.verdict, limit: run.limit, wallMs: run.wallMs, memoryPeakBytes: run.memoryPeakBytes };
}

/** What the run printed (already bounded by the sandbox), for the organisers' part of the report. */
export function runOutput(step: string, run: SandboxResult): RunOutput {
  return { step, stdout: run.stdout, stderr: run.stderr };
}

/** Reads `scores.json` strictly: a JSON object whose `key` is a finite number (no strings, no YAML). */
export function scoreFromJson(text: string, key: string): StepResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { failure: 'output/scores.json is not valid JSON', reason: 'invalid-output' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { failure: 'output/scores.json must be a JSON object', reason: 'invalid-output' };
  }
  const value = (parsed as Record<string, unknown>)[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { failure: `output/scores.json: "${key}" must be a finite number`, reason: 'invalid-output' };
  }
  return { score: value };
}
