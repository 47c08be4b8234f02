import { Page } from '@arena/common';
import { preparedQuery } from '@arena/database';
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

/**
 * An attempt as the batch statement takes it: the challenge's prerequisites travel with it, and `matched` says the
 * submission is one of the challenge's flags (stored only as already_solved: a first solve takes recordCorrect).
 */
export type BatchedAttemptRow = AttemptRow & { requirements: string[]; matched: boolean };

export interface AttemptFilter {
  teamId?: string;
  challengeId?: string;
  verdict?: AttemptVerdict;
}

// Solves of the challenge ($2) by teams neither hidden nor banned, before the cutoff (parameter `cutoff`) when frozen.
// (NOT EXISTS keeps the plan on this challenge's solves instead of scanning every team of the platform.)
const solvesBefore = (cutoff: string) => `(SELECT count(*) FROM solves s
   WHERE s.challenge_id = $2 AND (${cutoff}::timestamptz IS NULL OR s.created_at < ${cutoff})
     AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = s.team_id AND (t.hidden OR t.banned)))`;

// A team's state on a challenge as an attempt finds it: solved already, and open (every prerequisite in the uuid[]
// `requirements` solved; an empty list costs nothing). Arguments are SQL expressions: parameters, or a batch's columns.
const teamState = (challengeId: string, teamId: string, requirements: string) => `
    EXISTS (SELECT 1 FROM solves s WHERE s.challenge_id = ${challengeId} AND s.team_id = ${teamId}) AS solved,
    NOT EXISTS (SELECT 1 FROM unnest(${requirements}) AS r(id)
                WHERE NOT EXISTS (SELECT 1 FROM solves s WHERE s.team_id = ${teamId} AND s.challenge_id = r.id)) AS open`;

// Stores attempts (an INSERT's SELECT, with the alias `a` for the table): a team's submissions to a challenge it has
// solved raise the count of its one already_solved row instead of adding rows, so resubmitting cannot fill the table.
const insertAttempts = (select: string) => `
  INSERT INTO attempts AS a (event_id, challenge_id, team_id, user_id, submission, ip, verdict)
  ${select}
  ON CONFLICT (challenge_id, team_id) WHERE verdict = 'already_solved'
  DO UPDATE SET count = a.count + 1, last_at = now()`;

// The challenge's max attempts as the database has it now (0, unlimited, as the largest int): the cap both statements check.
const attemptsAllowed = (challengeId: string) =>
  `coalesce(nullif((SELECT c.max_attempts FROM challenges c WHERE c.id = ${challengeId}), 0), 2147483647)`;

/** What one attempt statement found and did. */
export interface AttemptOutcome {
  /** False when a prerequisite is unsolved: nothing was stored. */
  open: boolean;
  /** The verdict stored, or null when no attempt was left (max attempts reached): nothing was stored. */
  verdict: AttemptVerdict | null;
  /** Correct answers only: the challenge's solves by visible teams before the cutoff, this solve not included. */
  solvesBefore: number | null;
}

@Injectable()
export class AttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The right flag, in one statement (one round trip): checks the prerequisites and the attempts left, stores the
   * solve (unique per team and challenge) and the attempt naming the outcome, so of concurrent correct attempts
   * exactly one is `correct`; a team that had solved it gets `already_solved` (counted) whatever its attempts left.
   */
  async recordCorrect(row: AttemptRow, requirements: string[], cutoff: Date | null): Promise<AttemptOutcome> {
    const [result] = await preparedQuery<{ open: boolean; verdict: AttemptVerdict | null; solves: string | null }>(
      this.dataSource,
      'ctf-attempt-correct',
      `WITH state AS (
         SELECT found.*, found.solved
                OR coalesce((SELECT wrong FROM attempt_counters WHERE challenge_id = $2 AND team_id = $3), 0) < ${attemptsAllowed('$2')} AS allowed
           FROM (SELECT ${teamState('$2', '$3', '$7::uuid[]')}) AS found
       ), solve AS (
         INSERT INTO solves (event_id, challenge_id, team_id, user_id)
         SELECT $1, $2, $3, $4 FROM state WHERE open AND allowed AND NOT solved
         ON CONFLICT ON CONSTRAINT solves_challenge_team_key DO NOTHING
         RETURNING id
       ), attempt AS (${insertAttempts(`
         SELECT $1, $2, $3, $4, $5, $6,
                CASE WHEN EXISTS (SELECT 1 FROM solve) THEN 'correct' ELSE 'already_solved' END::attempt_verdict
           FROM state WHERE open AND allowed`)}
         RETURNING verdict
       )
       SELECT open, (SELECT verdict FROM attempt) AS verdict,
              CASE WHEN EXISTS (SELECT 1 FROM solve) THEN ${solvesBefore('$8')} END AS solves
         FROM state`,
      [row.eventId, row.challengeId, row.teamId, row.userId, row.submission, row.ip, requirements, cutoff],
    );
    return { open: result.open, verdict: result.verdict, solvesBefore: result.solves === null ? null : Number(result.solves) };
  }

  /**
   * Attempts that cannot solve anything, of several teams, in one statement (one round trip for the batch, see
   * AttemptsBatcher); at most one row per team and challenge. Per row it checks the prerequisites; a team that had
   * solved the challenge gets `already_solved` (counted on its already_solved row), whatever it sent. Otherwise a
   * wrong flag raises the team's wrong count unless the challenge's max attempts (> 0) is reached (so N concurrent wrong attempts count at
   * most max) and is stored as `incorrect` only then; a matching flag is neither counted nor stored (verdict null:
   * the caller stores the solve with recordCorrect). Counters are taken in (challenge, team) order, so concurrent
   * batches never deadlock. Outcomes in the order of `rows`.
   */
  async recordBatch(rows: BatchedAttemptRow[]): Promise<AttemptOutcome[]> {
    const column = <K extends keyof BatchedAttemptRow>(key: K) => rows.map((row) => row[key]);
    const found = await preparedQuery<{ n: number; open: boolean; verdict: AttemptVerdict | null }>(
      this.dataSource,
      'ctf-attempts-batch',
      `WITH input AS (
         SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::bool[])
           AS i(n, event_id, challenge_id, team_id, user_id, submission, ip, requirements, matched)
       ), state AS (
         SELECT i.*, ${teamState('i.challenge_id', 'i.team_id', "string_to_array(i.requirements, ',')::uuid[]")}
           FROM input i
       ), counter AS (
         INSERT INTO attempt_counters AS ac (challenge_id, team_id, wrong)
         SELECT challenge_id, team_id, 1 FROM state WHERE open AND NOT solved AND NOT matched ORDER BY challenge_id, team_id
         ON CONFLICT (challenge_id, team_id) DO UPDATE SET wrong = ac.wrong + 1
         WHERE ac.wrong < ${attemptsAllowed('ac.challenge_id')}
         RETURNING challenge_id, team_id
       ), attempt AS (${insertAttempts(`
         SELECT st.event_id, st.challenge_id, st.team_id, st.user_id, st.submission, st.ip,
                CASE WHEN st.solved THEN 'already_solved' ELSE 'incorrect' END::attempt_verdict
           FROM state st
          WHERE st.open AND (st.solved OR EXISTS (SELECT 1 FROM counter c WHERE c.challenge_id = st.challenge_id AND c.team_id = st.team_id))
          ORDER BY st.challenge_id, st.team_id`)}
         RETURNING challenge_id, team_id, verdict
       )
       SELECT st.n, st.open, a.verdict
         FROM state st LEFT JOIN attempt a ON a.challenge_id = st.challenge_id AND a.team_id = st.team_id`,
      [
        rows.map((_row, index) => index),
        column('eventId'),
        column('challengeId'),
        column('teamId'),
        column('userId'),
        column('submission'),
        column('ip'),
        rows.map((row) => row.requirements.join(',')),
        column('matched'),
      ],
    );
    const outcomes: AttemptOutcome[] = new Array(rows.length);
    for (const row of found) outcomes[row.n] = { open: row.open, verdict: row.verdict, solvesBefore: null };
    return outcomes;
  }

  /** Counts an attempt on a challenge the team has solved; false (nothing stored) when it has not. */
  async recordIfSolved(row: AttemptRow): Promise<boolean> {
    const stored: unknown[] = await this.dataSource.query(
      `${insertAttempts(`
       SELECT $1, $2, $3, $4, $5, $6, 'already_solved'::attempt_verdict
        WHERE EXISTS (SELECT 1 FROM solves WHERE challenge_id = $2 AND team_id = $3)`)}
       RETURNING id`,
      [row.eventId, row.challengeId, row.teamId, row.userId, row.submission, row.ip],
    );
    return stored.length > 0;
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
