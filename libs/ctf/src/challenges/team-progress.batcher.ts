import { Injectable } from '@nestjs/common';
import { ChallengesRepository, TeamProgress } from './challenges.repository';

interface Waiter {
  resolve: (progress: TeamProgress) => void;
  reject: (error: unknown) => void;
}

// Teams per statement: the array parameter stays small and the plan the same.
const MAX_BATCH = 100;

/**
 * Every challenge-list read needs its team's own progress, fresh from PostgreSQL (never cached: a team's next read
 * must show its own solve, wrong attempt or unlock, whichever process took it). The reads that arrive in the same
 * turn of the event loop share one statement for all their teams: one round trip and one snapshot for many requests.
 * Each statement starts after every request it answers arrived, so none is answered from before its own arrival.
 */
@Injectable()
export class TeamProgressBatcher {
  private pending = new Map<string, Waiter[]>();
  private scheduled = false;

  constructor(private readonly challenges: ChallengesRepository) {}

  of(teamId: string): Promise<TeamProgress> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(teamId);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(teamId, [{ resolve, reject }]);
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
    const teams = [...this.pending];
    this.pending = new Map();
    for (let from = 0; from < teams.length; from += MAX_BATCH) void this.read(new Map(teams.slice(from, from + MAX_BATCH)));
  }

  private async read(batch: Map<string, Waiter[]>): Promise<void> {
    try {
      const progress = await this.challenges.teamsProgress([...batch.keys()]);
      for (const [teamId, waiters] of batch) for (const waiter of waiters) waiter.resolve(progress.get(teamId) as TeamProgress);
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
