export enum SubmissionStatus {
  Queued = 'queued',
  Running = 'running',
  Scored = 'scored',
  Failed = 'failed',
}
