import { AppConfig } from '@arena/config';
import { JobPayloads, LeaderboardsJob, QueueName } from '@arena/jobs';
import { IncrementalStandings } from '@arena/ctf';
import { EventsService } from '@arena/registration';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { BoardCache } from './board-cache.service';
import { BoardComputer, ComputedBoards } from './board-computer.service';
import { CoalescingRunner } from './coalescing-runner';
import { PushThrottle } from './push-throttle';

// Score graphs, CTFtime feeds and the recent solves need no fresher than this during a storm: each run costs passes over
// every solve (about 70 ms of PostgreSQL at 10 000 solves), and boards are recomputed every 200 ms then.
export const FEEDS_GAP_MS = 1000;
// A failed feeds run (PostgreSQL or Redis away a moment) is tried again this many times, a gap apart, unless a newer
// board's feeds come first.
const FEEDS_RETRIES = 3;

interface FeedsEntry {
  throttle: PushThrottle;
  /** The run for the latest stored boards, until it starts; it answers whether the feeds were stored. */
  latest: (() => Promise<boolean>) | null;
  failures: number;
}

type Feeds = NonNullable<ComputedBoards['feeds']>;
type RecomputeJob = Job<JobPayloads[QueueName.Leaderboards][LeaderboardsJob], void, LeaderboardsJob>;

/** Consumes `leaderboards`: recomputes an event's boards from PostgreSQL, stores them in Redis, announces them. */
@Processor(QueueName.Leaderboards)
export class LeaderboardsProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LeaderboardsProcessor.name);
  /** By event: the feeds of the latest stored boards, computed at most once per FEEDS_GAP_MS. */
  private readonly feeds = new Map<string, FeedsEntry>();
  private shuttingDown = false;
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

  /**
   * Before Redis and PostgreSQL close, the feeds waiting out their gap are computed now; a recompute that ends from here
   * on computes its feeds within its job, which BullMQ's shutdown waits for. Nothing recomputes at boot, so feeds dropped
   * here would stay a board behind until the next change (after a CTF's end, for good). The worker itself is left to
   * BullMQ's shutdown: closing it here, before its connections were up, made them fail unhandled.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.feeds.values()].map(({ throttle }) => throttle.flush()));
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
    // not kept waiting for them (but during shutdown, see beforeApplicationShutdown). A superseded run leaves them to the
    // later one.
    if (!stored || !computed.feeds) return;
    if (this.shuttingDown) await this.storeFeeds(event.id, computed.feeds, version);
    else this.scheduleFeeds(event.id, computed.feeds, version);
  }

  /**
   * The feeds of the latest stored boards: the first after a quiet second at once, then at most one run per
   * FEEDS_GAP_MS and never two at once, each with the latest boards' snapshot (those in between are skipped). In a storm
   * the feeds follow once a second instead of after every board.
   */
  private scheduleFeeds(eventId: string, feeds: Feeds, version: number): void {
    let entry = this.feeds.get(eventId);
    if (!entry) {
      const created: FeedsEntry = { latest: null, failures: 0, throttle: new PushThrottle(FEEDS_GAP_MS, () => this.runFeeds(created)) };
      this.feeds.set(eventId, (entry = created));
    }
    entry.latest = () => this.storeFeeds(eventId, feeds, version);
    entry.throttle.trigger();
  }

  /** The latest boards' feeds; a failed run is queued again (the gap is its backoff) unless newer feeds wait already. */
  private async runFeeds(entry: FeedsEntry): Promise<void> {
    const run = entry.latest;
    entry.latest = null;
    if (!run) return;
    if (await run()) {
      entry.failures = 0;
      return;
    }
    entry.failures += 1;
    if (entry.latest !== null || entry.failures > FEEDS_RETRIES) return;
    entry.latest = run;
    entry.throttle.trigger();
  }

  /** Computes and stores one version's feeds; false when that failed (a newer version's feeds stored is no failure). */
  private async storeFeeds(eventId: string, feeds: Feeds, version: number): Promise<boolean> {
    const started = Date.now();
    try {
      const stored = await this.cache.storeFeeds(eventId, await feeds(), version);
      this.logger.debug(`event ${eventId} feeds computed (version ${version}${stored ? '' : ', superseded'}) in ${Date.now() - started} ms`);
      return true;
    } catch (error) {
      // The boards are out; the feeds stay one version behind (tried again a few times) rather than recomputing the boards.
      this.logger.warn(`event ${eventId} feeds (version ${version}) failed: ${(error as Error).message}`);
      return false;
    }
  }
}
