/**
 * Every BullMQ queue. Renaming a value strands the jobs already queued under the old name:
 * drain the queue before changing one.
 */
export enum QueueName {
  SubmissionChecks = 'submission-checks',
  Leaderboards = 'leaderboards',
  ProjectChecks = 'project-checks',
  AdChecks = 'ad-checks',
}
