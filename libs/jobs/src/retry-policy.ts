import { DefaultJobOptions } from 'bullmq';

/** The one retry policy: infrastructure errors retry with backoff; failed jobs are kept for inspection. */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
