import { AppConfig } from '@arena/config';
import { AdChecksJob, JobPayloads, jobIds, QueueName } from '@arena/jobs';
import { EventEntity } from '@arena/registration';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, QueryRunner } from 'typeorm';
import { adSettings, lastTick, tickAt, tickStart } from '../game-clock';
import { AdGameRepository } from './ad-game.repository';

// How often a follower tries to become the leader, and the longest a leader sleeps between looks at the clock.
const FOLLOWER_POLL_MS = 500;
const LEADER_MAX_SLEEP_MS = 1000;

/**
 * Starts every attack-defence tick on time. One leader across all worker processes: the holder of a PostgreSQL
 * advisory lock, released by the database when its process dies, so another worker takes over. A tick is started by
 * inserting its row (primary key event + tick): never twice, even across a restart; a tick whose time passed while no
 * worker led is recorded late (its scheduled time says so) but only the current one is checked.
 */
@Injectable()
export class AdTickScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AdTickScheduler.name);
  private lock: QueryRunner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly swept = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.AdChecks) private readonly queue: Queue<JobPayloads[QueueName.AdChecks][AdChecksJob]>,
    private readonly game: AdGameRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.AD_TICK_SCHEDULER) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.releaseLock();
  }

  get leading(): boolean {
    return this.lock !== null;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.iterate()
        .catch((error: unknown) => {
          this.logger.warn(`tick scheduler: ${error instanceof Error ? error.message : String(error)}`);
          return FOLLOWER_POLL_MS;
        })
        .then((next) => this.schedule(next));
    }, delayMs);
  }

  /** One look at the clock; returns how long to sleep. */
  private async iterate(): Promise<number> {
    if (!(await this.lead())) return FOLLOWER_POLL_MS;
    const now = new Date();
    let sleep = LEADER_MAX_SLEEP_MS;
    for (const event of await this.game.runningEvents(now)) {
      await this.tickEvent(event, now);
      const next = tickStart(event, tickAt(event, now) + 1).getTime() - Date.now();
      sleep = Math.min(sleep, Math.max(0, next));
    }
    // An event about to start: wake at its first tick.
    const next = await this.game.nextStart(now);
    return next ? Math.min(sleep, Math.max(0, next.getTime() - Date.now())) : sleep;
  }

  private async tickEvent(event: EventEntity, now: Date): Promise<void> {
    const due = Math.min(tickAt(event, now), lastTick(event));
    if (due < 1) return;
    const started = await this.game.lastStartedTick(event.id);
    for (let tick = started + 1; tick <= due; tick++) {
      if (!(await this.game.startTick(event.id, tick, tickStart(event, tick)))) continue;
      const late = Date.now() - tickStart(event, tick).getTime();
      if (tick < due) {
        this.logger.warn(`tick ${tick} of event ${event.id} recorded ${late} ms late, unchecked (no worker led then)`);
        continue;
      }
      this.logger.log(`tick ${tick} of event ${event.id} started ${late} ms after its time`);
      await this.enqueue(event, tick);
    }
    await this.sweep(event, due);
  }

  /** One job per team and service, spread over the first half of the tick. */
  private async enqueue(event: EventEntity, tick: number): Promise<void> {
    const pairs = await this.game.pairsWithoutState(event.id, tick);
    const spreadMs = (adSettings(event).tickSeconds * 1000) / 2;
    const begin = tickStart(event, tick).getTime();
    await this.queue.addBulk(
      pairs.map((pair, index) => ({
        name: AdChecksJob.Run,
        data: { eventId: event.id, tick, ...pair },
        opts: { jobId: jobIds.adRun(event.id, tick, pair.teamId, pair.serviceId), delay: Math.max(0, begin + (index * spreadMs) / pairs.length - Date.now()) },
      })),
    );
  }

  /**
   * Once per tick, the previous tick's pairs that have no state are queued again (same job ids: a no-op while their
   * job is known here), so a job lost with a worker, or taken by a worker that stopped, still runs, late.
   */
  private async sweep(event: EventEntity, due: number): Promise<void> {
    const previous = due - 1;
    if (previous < 1 || (this.swept.get(event.id) ?? 0) >= previous) return;
    this.swept.set(event.id, previous);
    await this.enqueue(event, previous);
  }

  private async lead(): Promise<boolean> {
    if (this.lock) {
      try {
        await this.lock.query('SELECT 1');
        return true;
      } catch {
        this.logger.warn('tick scheduler: lost the leader connection');
        await this.releaseLock();
        return false;
      }
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const rows = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`arena-ad-ticks:${this.config.BULLMQ_PREFIX}`])) as Array<{ locked: boolean }>;
      if (rows[0]?.locked) {
        this.lock = runner;
        this.logger.log('tick scheduler: leading');
        return true;
      }
    } catch (error) {
      this.logger.warn(`tick scheduler: ${error instanceof Error ? error.message : String(error)}`);
    }
    await runner.release();
    return false;
  }

  private async releaseLock(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    if (!lock) return;
    await lock.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await lock.release().catch(() => undefined);
  }
}
