import { Injectable } from '@nestjs/common';
import { BoardCaller, ChallengesRepository } from './challenges.repository';

interface Waiter {
  resolve: (caller: BoardCaller) => void;
  reject: (error: unknown) => void;
}

// Users per statement: the array parameter stays small and the plan the same.
const MAX_BATCH = 100;

/**
 * Every challenge-list read needs who its caller is (organiser, team) and the team's own progress, fresh from
 * PostgreSQL: a team's next read must show its own solve, wrong attempt or unlock whichever process took it, and
 * with a thousand players a cache per user would miss on most reads anyway. The reads that arrive in the same turn
 * of the event loop share one statement per event: one round trip and one snapshot for many requests. Each statement
 * is sent after every request it answers arrived, so none is answered from before its own arrival.
 */
@Injectable()
export class BoardCallersBatcher {
  // By event, then by user.
  private pending = new Map<string, Map<string, Waiter[]>>();
  private scheduled = false;

  constructor(private readonly challenges: ChallengesRepository) {}

  of(eventId: string, userId: string): Promise<BoardCaller> {
    return new Promise((resolve, reject) => {
      let users = this.pending.get(eventId);
      if (!users) this.pending.set(eventId, (users = new Map<string, Waiter[]>()));
      const waiters = users.get(userId);
      if (waiters) waiters.push({ resolve, reject });
      else users.set(userId, [{ resolve, reject }]);
      this.schedule();
    });
  }

  /** Every member of the event's teams, read at once (see ChallengesRepository.eventCallers). */
  everyMember(eventId: string, max: number): Promise<Map<string, BoardCaller> | null> {
    return this.challenges.eventCallers(eventId, max);
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
    const pending = this.pending;
    this.pending = new Map();
    for (const [eventId, users] of pending) {
      const all = [...users];
      for (let from = 0; from < all.length; from += MAX_BATCH) void this.read(eventId, new Map(all.slice(from, from + MAX_BATCH)));
    }
  }

  private async read(eventId: string, batch: Map<string, Waiter[]>): Promise<void> {
    try {
      const callers = await this.challenges.boardCallers(eventId, [...batch.keys()]);
      for (const [userId, waiters] of batch) for (const waiter of waiters) waiter.resolve(callers.get(userId) as BoardCaller);
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
