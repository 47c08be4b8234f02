import { isUniqueViolation } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type VoteOutcome = 'added' | 'no-votes-left' | 'already-voted';

@Injectable()
export class PeoplesChoiceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the user's next free slot (1..limit) for the project in one statement; concurrent votes
   * collide on the slot or the project key, and the loser is told so.
   */
  async vote(eventId: string, userId: string, projectId: string, limit: number): Promise<VoteOutcome> {
    try {
      const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO peoples_choice_votes (event_id, user_id, slot, project_id)
         SELECT $1, $2, count(*) + 1, $3 FROM peoples_choice_votes WHERE event_id = $1 AND user_id = $2
         HAVING count(*) < $4
         RETURNING slot`,
        [eventId, userId, projectId, limit],
      );
      return rows.length ? 'added' : 'no-votes-left';
    } catch (error) {
      if (isUniqueViolation(error, 'peoples_choice_votes_user_project_key')) return 'already-voted';
      if (isUniqueViolation(error)) return 'no-votes-left';
      throw error;
    }
  }

  async mine(eventId: string, userId: string): Promise<string[]> {
    const rows: Array<{ project_id: string }> = await this.dataSource.query('SELECT project_id FROM peoples_choice_votes WHERE event_id = $1 AND user_id = $2 ORDER BY slot', [
      eventId,
      userId,
    ]);
    return rows.map((row) => row.project_id);
  }

  /** Votes per project. */
  async counts(eventId: string): Promise<Map<string, number>> {
    const rows: Array<{ project_id: string; votes: string }> = await this.dataSource.query(
      'SELECT project_id, count(*) AS votes FROM peoples_choice_votes WHERE event_id = $1 GROUP BY project_id',
      [eventId],
    );
    return new Map(rows.map((row) => [row.project_id, Number(row.votes)]));
  }
}
