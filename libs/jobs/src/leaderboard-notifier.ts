import { AppConfig } from '@arena/config';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DebounceWindows, WindowRun } from './debounce-windows';
import { JobPayloads, jobIds, LeaderboardsJob } from './job-payloads';
import { PeerChannel } from './peer-channel';
import { QueueName } from './queue-name.enum';
import { REDIS } from './redis.module';

/** Changes within one window of this length share one recompute, which runs after the window: none is ever lost. */
export const LEADERBOARD_DEBOUNCE_MS = 200;

/**
 * What a change touched, for this process's listeners: `Solves` (new solves only) and `Scores` (a hint unlock, an
 * award) move standings only, so caches of definitions (challenges, flags, events, memberships) stay; `All` (the
 * default) may touch anything. Anything but `Solves` makes the workers reload their standings from PostgreSQL.
 */
export enum ChangeScope {
  Solves = 'solves',
  Scores = 'scores',
  All = 'all',
}

/** Whether a change leaves definitions (challenges, flags, events, memberships) as they were. */
export const movesScoresOnly = (scope: ChangeScope): boolean => scope !== ChangeScope.All;

/**
 * The Redis counter of an event's changes other than new solves: a worker whose incremental standings were built
 * before its last increase reloads them from PostgreSQL (see IncrementalStandings).
 */
export const standingsReloadKey = (prefix: string, eventId: string): string => `${prefix}:standings-reload:${eventId}`;

export type ChangeListener = (eventId: string, scope: ChangeScope) => void;

/** Told of a change that may touch definitions (scope `All`) of `eventId`; null: of any event (after a reconnect). */
export type DefinitionsListener = (eventId: string | null) => void;

/** Producers call this after a scoring change commits (solve, award, hint, scored submission, publish, event edit). */
@Injectable()
export class LeaderboardNotifier implements OnApplicationShutdown {
  private readonly logger = new Logger(LeaderboardNotifier.name);
  private readonly listeners = new Set<ChangeListener>();
  private readonly definitionListeners = new Set<DefinitionsListener>();
  // Other api processes' definition changes (a reconnect may have missed some: anything may have changed).
  private readonly peers: PeerChannel;
  // A storm of solves asks for the same run hundreds of times a window: only the first add reaches Redis.
  private readonly windows = new DebounceWindows(LEADERBOARD_DEBOUNCE_MS);

  constructor(
    @InjectQueue(QueueName.Leaderboards) private readonly queue: Queue<JobPayloads[QueueName.Leaderboards][LeaderboardsJob]>,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.peers = new PeerChannel(redis, `${config.BULLMQ_PREFIX}:definitions-changed`, {
      message: (eventId) => this.tellDefinitions(eventId),
      resync: () => this.tellDefinitions(null),
    });
  }

  /** Lets this process react at once to its own changes (the api reads its writes without waiting for the worker). */
  onChanged(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  /**
   * Lets this process drop what it keeps of an event's definitions (memberships, bans, challenges) on every change that
   * may touch them, made through this process or, once `follow()` runs, any other: every other api process has handled
   * such a change before its request is answered (see PeerChannel), so caches of definitions need only a long TTL as a
   * bound should a message be lost.
   */
  onDefinitionsChanged(listener: DefinitionsListener): void {
    this.definitionListeners.add(listener);
  }

  /** Follows other processes' changes (the api calls it before listening; the worker keeps no such cache). */
  follow(): Promise<void> {
    return this.peers.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.peers.close();
  }

  /** False while `follow()`'s subscription is down: other processes' changes may be missed, so caches must not be trusted. */
  get followingOthers(): boolean {
    return this.peers.following;
  }

  private tellDefinitions(eventId: string | null): void {
    for (const listener of this.definitionListeners) {
      try {
        listener(eventId);
      } catch (error) {
        this.logger.warn(`a definitions listener failed: ${String(error)}`);
      }
    }
  }

  async changed(eventId: string, scope = ChangeScope.All): Promise<void> {
    for (const listener of this.listeners) listener(eventId, scope);
    if (scope === ChangeScope.All) this.tellDefinitions(eventId);
    // The other processes are told while the recompute is queued: the caller waits for both (every process has
    // handled the change before it is answered), the recompute for neither (a publish waits for the others' answers).
    const told = scope === ChangeScope.All ? this.peers.publish(eventId) : undefined;
    await Promise.all([told, this.queueRecompute(eventId, scope)]);
  }

  private async queueRecompute(eventId: string, scope: ChangeScope): Promise<void> {
    // Marked before the recompute is queued, so the run that follows this change reloads.
    if (scope !== ChangeScope.Solves) await this.redis.incr(standingsReloadKey(this.config.BULLMQ_PREFIX, eventId));
    // One job id per event and window, so the adds of several api processes make one job too.
    const jobId = (run: WindowRun) => `${jobIds.leaderboard(eventId)}_${run.window}`;
    await this.windows.queue(eventId, {
      add: (run) => this.queue.add(LeaderboardsJob.Recompute, { eventId }, { delay: run.delayMs, jobId: jobId(run) }),
      exists: async (run) => (await this.queue.getJob(jobId(run))) !== undefined,
    });
  }

  /** A recompute at a known time (the freeze), so boards freeze even when nobody scores. */
  async at(eventId: string, when: Date): Promise<void> {
    const delay = when.getTime() - Date.now();
    if (delay <= 0) return this.changed(eventId);
    await this.queue.add(LeaderboardsJob.Recompute, { eventId }, { delay: delay + 50, jobId: `freeze_${eventId}_${when.getTime()}` });
  }
}
