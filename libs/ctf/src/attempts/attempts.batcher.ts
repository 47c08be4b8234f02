import { Injectable, Logger } from '@nestjs/common';
import { AttemptOutcome, AttemptsRepository, BatchedAttemptRow } from './attempts.repository';

interface Pending {
  row: BatchedAttemptRow;
  resolve: (outcome: AttemptOutcome) => void;
  reject: (error: unknown) => void;
}

// Rows per statement: beyond this a batch waits for the next turn (the statement stays small, its plan cached).
const MAX_BATCH = 64;
// Statements in flight at once: the attempts arriving meanwhile wait for one to finish and then go as one batch, so
// under load batches grow (fewer round trips, and PostgreSQL parses, plans and commits once for more rows) instead
// of every turn sending its own few rows to queue for a pool connection.
const MAX_IN_FLIGHT = 2;

/**
 * Wrong flags and first solves arrive by the hundred a second at a contest's start (teams guess, then solve the easy
 * challenges), and teammates send flags their team has already solved: the attempts that reach this point in the
 * same turn of the event loop are stored with one statement, so PostgreSQL parses, plans and commits once, and the
 * api makes one round trip, for all of them. Each caller still gets its own outcome; a batch never holds two attempts
 * of one team on one challenge (the later one goes with the next batch, and the database's unique solve settles
 * which of two concurrent right flags is `correct`), so the counter semantics stay those of one attempt at a time
 * (and one statement never raises the count of one already_solved row twice, which PostgreSQL refuses). A batch that
 * fails (a deadlock, a team deleted meanwhile) is retried one row at a time, so one bad row only fails its own request.
 * At most MAX_IN_FLIGHT statements run at once; attempts arriving meanwhile wait and go together (group commit).
 */
@Injectable()
export class AttemptsBatcher {
  private readonly logger = new Logger(AttemptsBatcher.name);
  private pending: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(private readonly attempts: AttemptsRepository) {}

  record(row: BatchedAttemptRow): Promise<AttemptOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    // A statement finishing schedules the next flush.
    if (this.inFlight >= MAX_IN_FLIGHT) return;
    const batch: Pending[] = [];
    const later: Pending[] = [];
    const taken = new Set<string>();
    for (const item of this.pending) {
      const key = `${item.row.teamId}:${item.row.challengeId}`;
      if (batch.length >= MAX_BATCH || taken.has(key)) {
        later.push(item);
      } else {
        taken.add(key);
        batch.push(item);
      }
    }
    this.pending = later;
    if (later.length > 0) this.schedule();
    if (batch.length > 0) void this.store(batch);
  }

  private async store(batch: Pending[]): Promise<void> {
    this.inFlight += 1;
    try {
      await this.storeNow(batch);
    } finally {
      this.inFlight -= 1;
      if (this.pending.length > 0) this.schedule();
    }
  }

  private async storeNow(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.attempts.recordBatch(batch.map((item) => item.row));
      batch.forEach((item, index) => item.resolve(outcomes[index]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      this.logger.warn(`a batch of ${batch.length} attempts failed (${String(error)}); storing them one by one`);
      for (const item of batch) {
        await this.attempts.recordBatch([item.row]).then(([outcome]) => item.resolve(outcome), item.reject);
      }
    }
  }
}
