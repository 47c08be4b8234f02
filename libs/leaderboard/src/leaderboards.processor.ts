import { AppConfig } from '@arena/config';
import { JobPayloads, LeaderboardsJob, QueueName } from '@arena/jobs';
import { IncrementalStandings } from '@arena/ctf';
import { EventsService } from '@arena/registration';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { setTimeout as sleep } from 'timers/promises';
import { BoardCache } from './board-cache.service';
import { BoardComputer, ComputedBoards } from './board-computer.service';
import { CoalescingRunner } from './coalescing-runner';

// Score graphs and CTFtime feeds need no fresher than this during a storm; each run costs a pass over every solve.
const FEEDS_GAP_MS = 1000;

type Feeds = NonNullable<ComputedBoards['feeds']>;
type RecomputeJob = Job<JobPayloads[QueueName.Leaderboards][LeaderboardsJob], void, LeaderboardsJob>;

/** Consumes `leaderboards`: recomputes an event's boards from PostgreSQL, stores them in Redis, announces them. */
@Processor(QueueName.Leaderboards)
export class LeaderboardsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(LeaderboardsProcessor.name);
  private readonly feedsRunning = new Map<string, { next: (() => Promise<void>) | null }>();
  // One recompute per event at a time: the jobs arriving meanwhile (a storm of solves) share the one run after it.
  private readonly recomputes = new CoalescingRunner();

  constructor(
    private readonly config: AppConfig,
    private readonly events: EventsService,
    private readonly computer: BoardComputer,
    private readonly cache: BoardCache,
    private readonly standings: IncrementalStandings,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: RecomputeJob): Promise<void> {
    switch (job.name) {
      case LeaderboardsJob.Recompute:
        return this.recomputes.run(job.data.eventId, () => this.recompute(job.data.eventId));
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }

  // Without a listener an 'error' event (e.g. Redis closing at shutdown) would crash the process.
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`leaderboards worker: ${error.message}`);
  }

  private async recompute(eventId: string): Promise<void> {
    const started = Date.now();
    // The version is taken before reading anything, so a run that started later always wins (see BoardCache.store).
    const version = await this.cache.nextVersion(eventId);
    const event = await this.events.getById(eventId).catch(() => null);
    if (!event) return; // Deleted since: nothing to show.
    const computed = await this.computer.computeWithFeeds(event, this.standings);
    const stored = await this.cache.store(event.id, computed.boards, version);
    this.logger.log(`event ${eventId} boards recomputed (version ${version}${stored ? '' : ', superseded'}) in ${Date.now() - started} ms`);
    // The feeds (CTFtime, score graphs) of the same snapshot follow the boards, outside the job: the next board is
    // not kept waiting for them. A superseded run leaves them to the later one.
    if (stored && computed.feeds) this.scheduleFeeds(event.id, computed.feeds, version);
  }

  /**
   * One feeds computation per event at a time; of those arriving meanwhile only the latest runs, after it and a pause:
   * in a storm the feeds follow once a second instead of after every board.
   */
  private scheduleFeeds(eventId: string, feeds: Feeds, version: number): void {
    const run = () => this.storeFeeds(eventId, feeds, version);
    const running = this.feedsRunning.get(eventId);
    if (running) {
      running.next = run;
      return;
    }
    const state: { next: (() => Promise<void>) | null } = { next: null };
    this.feedsRunning.set(eventId, state);
    void (async () => {
      for (let current: (() => Promise<void>) | null = run; current; current = state.next, state.next = null) {
        await current();
        if (state.next) await sleep(FEEDS_GAP_MS);
      }
      this.feedsRunning.delete(eventId);
    })();
  }

  private async storeFeeds(eventId: string, feeds: Feeds, version: number): Promise<void> {
    const started = Date.now();
    try {
      const stored = await this.cache.storeFeeds(eventId, await feeds(), version);
      this.logger.debug(`event ${eventId} feeds computed (version ${version}${stored ? '' : ', superseded'}) in ${Date.now() - started} ms`);
    } catch (error) {
      // The boards are out; the feeds stay one version behind until the next change rather than recomputing the boards.
      this.logger.warn(`event ${eventId} feeds (version ${version}) failed: ${(error as Error).message}`);
    }
  }
}
