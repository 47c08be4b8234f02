export enum SubmissionStatus {
  Queued = 'queued',
  Running = 'running',
  Scored = 'scored',
  Failed = 'failed',
}

/** The failure reason of a check the platform could not run (no sandbox, retries spent): the only one re-scored. */
export const SYSTEM_FAILURE = 'system-error';
