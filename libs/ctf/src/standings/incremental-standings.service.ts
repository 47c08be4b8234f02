import { AppConfig } from '@arena/config';
import { REDIS, standingsReloadKey } from '@arena/jobs';
import { EventEntity } from '@arena/registration';
import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { ctfSettings } from '../ctf-settings';
import { CtfSnapshot } from './ctf-standings.service';
import { rankRows } from './ranking';
import { StandingsState } from './standings-state';
import { StandingsStateRepository } from './standings-state.repository';

// A state older than this is reloaded even when nothing said so: a bound on any change that reached no notifier.
const MAX_AGE_MS = 30_000;

interface Entry {
  state: StandingsState;
  /** The reload mark (Redis) read before the state was loaded. */
  mark: string | null;
  loadedAt: number;
}

/**
 * The worker's CTF standings: each event's inputs stay in memory, a recompute reads only the solves stored since the
 * last one and ranks in memory, instead of a SQL pass over every solve. Any change other than new solves (an edit, a
 * ban, a team, an award, an unlock) increases the event's reload mark (LeaderboardNotifier), and the next recompute
 * reloads from PostgreSQL; so do a new worker, a state older than 30 s, and a solve of a team or challenge it does not know.
 */
@Injectable()
export class IncrementalStandings {
  private readonly logger = new Logger(IncrementalStandings.name);
  private readonly entries = new Map<string, Entry>();
  // One reading per event at a time: the state is updated in place.
  private readonly locks = new Map<string, Promise<unknown>>();
  /** How each recompute read its inputs (logs and tests). */
  readonly counters = { reloads: 0, increments: 0 };

  constructor(
    private readonly repository: StandingsStateRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** The overall ranked boards before each cutoff (banned teams listed and marked), from one reading. */
  snapshots(event: EventEntity, cutoffs: Array<Date | null>, withBanned = true): Promise<CtfSnapshot[]> {
    return this.locked(event.id, async () => {
      const takenAt = new Date();
      const state = await this.sync(event.id);
      const firstBloodBonus = ctfSettings(event).firstBloodBonus;
      return cutoffs.map((cutoff) => {
        const board = state.board(cutoff === null ? null : cutoff.getTime() * 1000, firstBloodBonus, withBanned);
        const query = { eventId: event.id, values: board.values, cutoff, firstBloodBonus, division: null };
        return { rows: rankRows(board.rows), query, challenges: state.challenges, counts: board.counts, takenAt };
      });
    });
  }

  /** Forgets an event's state: its next recompute reloads (tests; a deleted event). */
  forget(eventId: string): void {
    this.entries.delete(eventId);
  }

  private async sync(eventId: string): Promise<StandingsState> {
    const mark = await this.redis.get(standingsReloadKey(this.config.BULLMQ_PREFIX, eventId));
    const entry = this.entries.get(eventId);
    if (entry && entry.mark === mark && Date.now() - entry.loadedAt < MAX_AGE_MS) {
      const { position, solves } = await this.repository.solvesSince(eventId, entry.state.position);
      if (entry.state.apply(solves, position)) {
        this.counters.increments += 1;
        return entry.state;
      }
      this.logger.debug(`event ${eventId}: a solve of an unknown team or challenge, reloading the standings`);
    }
    // The mark was read before loading: a change marked meanwhile makes the next run reload again.
    const started = Date.now();
    const state = new StandingsState(await this.repository.load(eventId));
    this.entries.set(eventId, { state, mark, loadedAt: started });
    this.counters.reloads += 1;
    this.logger.debug(`event ${eventId} standings reloaded (${state.solveCount} solves) in ${Date.now() - started} ms`);
    return state;
  }

  private locked<T>(eventId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(eventId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(eventId, tail);
    void tail.then(() => this.locks.get(eventId) === tail && this.locks.delete(eventId));
    return run;
  }
}
