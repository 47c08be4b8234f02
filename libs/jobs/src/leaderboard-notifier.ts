import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobPayloads, jobIds, LeaderboardsJob } from './job-payloads';
import { QueueName } from './queue-name.enum';

/** Changes within this window share one recompute, which runs after the window: the last change is never lost. */
export const LEADERBOARD_DEBOUNCE_MS = 200;

/**
 * What a change touched, for this process's listeners: `Scores` (a solve, a hint unlock, an award) moves standings
 * only, so caches of definitions (challenges, flags, events, memberships) stay; `All` (the default) may touch anything.
 */
export enum ChangeScope {
  Scores = 'scores',
  All = 'all',
}

export type ChangeListener = (eventId: string, scope: ChangeScope) => void;

/** Producers call this after a scoring change commits (solve, award, hint, scored submission, publish, event edit). */
@Injectable()
export class LeaderboardNotifier {
  private readonly listeners = new Set<ChangeListener>();

  constructor(@InjectQueue(QueueName.Leaderboards) private readonly queue: Queue<JobPayloads[QueueName.Leaderboards][LeaderboardsJob]>) {}

  /** Lets this process react at once to its own changes (the api reads its writes without waiting for the worker). */
  onChanged(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  async changed(eventId: string, scope = ChangeScope.All): Promise<void> {
    for (const listener of this.listeners) listener(eventId, scope);
    // The dedup key lives no longer than the delay, so a change after the window always queues another run.
    await this.queue.add(
      LeaderboardsJob.Recompute,
      { eventId },
      { delay: LEADERBOARD_DEBOUNCE_MS, deduplication: { id: jobIds.leaderboard(eventId), ttl: LEADERBOARD_DEBOUNCE_MS - 20 } },
    );
  }

  /** A recompute at a known time (the freeze), so boards freeze even when nobody scores. */
  async at(eventId: string, when: Date): Promise<void> {
    const delay = when.getTime() - Date.now();
    if (delay <= 0) return this.changed(eventId);
    await this.queue.add(LeaderboardsJob.Recompute, { eventId }, { delay: delay + 50, jobId: `freeze_${eventId}_${when.getTime()}` });
  }
}
