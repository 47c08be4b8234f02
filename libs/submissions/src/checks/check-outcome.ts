import { SandboxResult } from '@arena/sandbox';
import { RunFacts, RunOutput } from '../submissions/submission-report';
import { rankingScore, readScoresJson } from './scores-file';

/** What one scoring step produced: a score, or a failure naming why (never a ground-truth value). */
export type StepResult = { score: number; scores?: Record<string, number> } | { failure: string; reason: string };

/** The platform's facts of a sandboxed run, for the report. */
export function runFacts(step: string, run: SandboxResult): RunFacts {
  return { step, verdict: run.verdict, limit: run.limit, wallMs: run.wallMs, memoryPeakBytes: run.memoryPeakBytes };
}

/** What the run printed (already bounded by the sandbox), for the organisers' part of the report. */
export function runOutput(step: string, run: SandboxResult): RunOutput {
  return { step, stdout: run.stdout, stderr: run.stderr };
}

/** Reads `scores.json` strictly: a JSON object whose `key` is a finite number (no strings, no YAML); every numeric key is kept. */
export function scoreFromJson(text: string, key: string): StepResult {
  const read = readScoresJson(text);
  if ('failure' in read) return { failure: read.failure, reason: 'invalid-output' };
  const ranked = rankingScore(read.scores, key, 'output/scores.json');
  return 'failure' in ranked ? { failure: ranked.failure, reason: 'invalid-output' } : { score: ranked.score };
}
