import { Page } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttemptVerdict } from './attempt-verdict.enum';
import { AttemptEntity } from './entities/attempt.entity';

export interface AttemptRow {
  eventId: string;
  challengeId: string;
  teamId: string;
  userId: string;
  submission: string;
  ip: string | null;
}

export interface AttemptFilter {
  teamId?: string;
  challengeId?: string;
  verdict?: AttemptVerdict;
}

// Solves of the challenge ($2) by visible teams, before the cutoff (parameter `cutoff`) when frozen.
// (NOT EXISTS keeps the plan on this challenge's solves instead of scanning every team of the platform.)
const solvesBefore = (cutoff: string) => `(SELECT count(*) FROM solves s
   WHERE s.challenge_id = $2 AND (${cutoff}::timestamptz IS NULL OR s.created_at < ${cutoff})
     AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = s.team_id AND t.hidden))`;

@Injectable()
export class AttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement: the solve (unique per team and challenge) and the attempt that names the outcome,
   * so of concurrent correct attempts exactly one is `correct`; also the challenge's solves after it
   * (before `cutoff` when frozen), for the value the answer carries.
   */
  async recordCorrect(row: AttemptRow, cutoff: Date | null): Promise<{ verdict: AttemptVerdict.Correct | AttemptVerdict.AlreadySolved; solves: number }> {
    const [result]: Array<{ verdict: AttemptVerdict.Correct | AttemptVerdict.AlreadySolved; solves: string }> = await this.dataSource.query(
      `WITH solve AS (
         INSERT INTO solves (event_id, challenge_id, team_id, user_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT solves_challenge_team_key DO NOTHING
         RETURNING id
       ), attempt AS (
         INSERT INTO attempts (event_id, challenge_id, team_id, user_id, submission, ip, verdict)
         SELECT $1, $2, $3, $4, $5, $6,
                CASE WHEN EXISTS (SELECT 1 FROM solve) THEN 'correct' ELSE 'already_solved' END::attempt_verdict
         RETURNING verdict
       )
       SELECT (SELECT verdict FROM attempt) AS verdict,
              ${solvesBefore('$7')}
              -- The statement's snapshot misses its own solve: count it unless frozen or hidden.
              + CASE WHEN EXISTS (SELECT 1 FROM solve) AND $7::timestamptz IS NULL
                      AND NOT (SELECT hidden FROM teams WHERE id = $3) THEN 1 ELSE 0 END AS solves`,
      [row.eventId, row.challengeId, row.teamId, row.userId, row.submission, row.ip, cutoff],
    );
    return { verdict: result.verdict, solves: Number(result.solves) };
  }

  /**
   * One statement: raises the team's wrong count unless `maxAttempts` (> 0) is reached, and stores the
   * attempt only then (`wrong` null when no attempt was left, so N concurrent wrong attempts count at
   * most max); also the challenge's solves before `cutoff` for the answer's value.
   */
  async recordWrong(row: AttemptRow, maxAttempts: number, cutoff: Date | null): Promise<{ wrong: number | null; solves: number }> {
    const [result]: Array<{ wrong: number | null; solves: string }> = await this.dataSource.query(
      `WITH counter AS (
         INSERT INTO attempt_counters (challenge_id, team_id, wrong) VALUES ($2, $3, 1)
         ON CONFLICT (challenge_id, team_id) DO UPDATE SET wrong = attempt_counters.wrong + 1
         WHERE $7::int = 0 OR attempt_counters.wrong < $7::int
         RETURNING wrong
       ), attempt AS (
         INSERT INTO attempts (event_id, challenge_id, team_id, user_id, submission, ip, verdict)
         SELECT $1, $2, $3, $4, $5, $6, 'incorrect' FROM counter
       )
       SELECT (SELECT wrong FROM counter) AS wrong, ${solvesBefore('$8')} AS solves`,
      [row.eventId, row.challengeId, row.teamId, row.userId, row.submission, row.ip, maxAttempts, cutoff],
    );
    return { wrong: result.wrong, solves: Number(result.solves) };
  }

  /** Stores an attempt on a challenge the team had already solved. */
  async recordAfterSolve(row: AttemptRow): Promise<void> {
    await this.dataSource.getRepository(AttemptEntity).insert({ ...row, verdict: AttemptVerdict.AlreadySolved });
  }

  /** Solves of the challenge by teams that are not hidden, before `cutoff` when given (the freeze). */
  async solveCount(challengeId: string, cutoff: Date | null): Promise<number> {
    const [row]: Array<{ solves: string }> = await this.dataSource.query(
      `SELECT count(*) AS solves FROM solves s JOIN teams t ON t.id = s.team_id
        WHERE s.challenge_id = $1 AND NOT t.hidden AND ($2::timestamptz IS NULL OR s.created_at < $2)`,
      [challengeId, cutoff],
    );
    return Number(row.solves);
  }

  async findPage(eventId: string, filter: AttemptFilter, limit: number, offset: number): Promise<Page<AttemptEntity>> {
    const [items, total] = await this.dataSource.getRepository(AttemptEntity).findAndCount({
      where: { eventId, ...filter },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
