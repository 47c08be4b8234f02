import { QueueName } from '@arena/jobs';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { eventually } from './test-worker';

// A recompute due later than this is a scheduled one (a freeze's), not one that a change of the setup queued: the
// debounce windows delay theirs by a quarter of a second.
const SCHEDULED_AFTER_MS = 5_000;

const pendingFor = (eventId: string, now: number) => (job: Job | undefined) =>
  job !== undefined && (job.data as { eventId?: string }).eventId === eventId && job.timestamp + (job.delay ?? 0) < now + SCHEDULED_AFTER_MS;

/**
 * Resolves once no recompute of the event's boards is waiting, delayed or running in `worker` (the in-process worker
 * of this suite: its queue is this jest worker's alone), so the board's version stays put until the next change.
 * This is what "the recomputes the setup queued are done" means, however slowly a loaded machine runs them.
 */
export async function recomputesSettled(worker: INestApplicationContext, eventId: string, timeoutMs = 20_000): Promise<void> {
  const queue = worker.get<Queue>(getQueueToken(QueueName.Leaderboards), { strict: false });
  await eventually(
    async () => {
      // One script reads every state at once, so a job moving from delayed to active is not missed between two reads.
      const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'paused']);
      return jobs.some(pendingFor(eventId, Date.now())) ? undefined : true;
    },
    timeoutMs,
    50,
  );
}
