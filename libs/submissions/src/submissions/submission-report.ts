/** What the platform observed of one sandboxed step. The team sees its step, verdict and limit. */
export interface RunFacts {
  step: string;
  verdict: string;
  /** Which limit was hit, when one was. */
  limit: string | null;
  /** Organisers only: a run on hidden inputs could encode them in its time or memory use. */
  wallMs: number;
  memoryPeakBytes: number | null;
}

/** What one step's program printed: organisers only (a scorer prints private scores, code its hidden inputs). */
export interface RunOutput {
  step: string;
  stdout: string;
  stderr: string;
}

/**
 * What the worker stores of a check, never ground-truth values. Program output is kept apart from the
 * platform's own messages, so what a team sees is a whitelist of fields, not a scrub of text.
 */
export interface SubmissionReport {
  /** The platform's own messages (which limit was hit, which row was bad): shown to the team. */
  messages: string[];
  runs?: RunFacts[];
  /** Organisers only. */
  output?: RunOutput[];
  /** Organisers only: messages as written, where the team's copy is a fixed message (code runs on hidden inputs chose their values). */
  organiserMessages?: string[];
}

/** A participant's view: the verdicts and the platform's messages, nothing any program wrote or measured. */
export function participantReport(report: SubmissionReport): SubmissionReport {
  return {
    messages: [...report.messages],
    // Picked field by field, so rows stored before the split (stdout inside runs) are filtered too.
    ...(report.runs ? { runs: report.runs.map((run) => ({ step: run.step, verdict: run.verdict, limit: run.limit }) as RunFacts) } : {}),
  };
}
