import { preparedQuery } from '@arena/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AttemptVerdict } from './attempt-verdict.enum';

export interface AttemptRow {
  eventId: string;
  challengeId: string;
  teamId: string;
  userId: string;
  submission: string;
  ip: string | null;
}

/**
 * An attempt as the batch statement takes it: the challenge's prerequisites travel with it, `matched` says the
 * submission is one of the challenge's flags, and `cutoff` is the freeze the caller's board counts solves to (null
 * when live): the value answered for a solve follows it.
 */
export type BatchedAttemptRow = AttemptRow & { requirements: string[]; matched: boolean; cutoff: Date | null };

// Solves of the challenge by teams neither hidden nor banned, before the cutoff when frozen (SQL expressions: a
// parameter or a column). NOT EXISTS keeps the plan on this challenge's solves instead of scanning every team.
const solvesBefore = (challengeId: string, cutoff: string) => `(SELECT count(*) FROM solves s
   WHERE s.challenge_id = ${challengeId} AND (${cutoff}::timestamptz IS NULL OR s.created_at < ${cutoff})
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

// The challenge's max attempts as the database has it now (0, unlimited, as the largest int): the cap wrong and right flags check.
const attemptsAllowed = (challengeId: string) => `coalesce(nullif((SELECT c.max_attempts FROM challenges c WHERE c.id = ${challengeId}), 0), 2147483647)`;

// A batch's rows with their state; `capped` says the challenge has a max attempts (> 0) as the database has it now.
const checkedRows = `
  input AS (
    SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::timestamptz[])
      AS i(n, event_id, challenge_id, team_id, user_id, submission, ip, requirements, matched, cutoff)
  ), state AS (
    SELECT i.*, ${teamState('i.challenge_id', 'i.team_id', "string_to_array(i.requirements, ',')::uuid[]")},
           EXISTS (SELECT 1 FROM teams t WHERE t.id = i.team_id) AS team_exists
      FROM input i
  ), checked AS (
    SELECT st.*, coalesce((SELECT c.max_attempts FROM challenges c WHERE c.id = st.challenge_id), 0) > 0 AS capped
      FROM state st
  )`;

// The solves a batch stored, each with the visible solves of its challenge before it: those committed before the
// statement (once per challenge), plus the batch's own earlier rows when live (frozen, they follow the cutoff).
const solvesCounted = `
  counted AS (
    SELECT k.challenge_id, k.cutoff, ${solvesBefore('k.challenge_id', 'k.cutoff')} AS before
      FROM (SELECT DISTINCT st.challenge_id, st.cutoff FROM checked st JOIN solve s USING (challenge_id, team_id)) k
  ), ranked AS (
    SELECT v.n, count(*) FILTER (WHERE v.visible) OVER (PARTITION BY v.challenge_id ORDER BY v.n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier
      FROM (SELECT st.n, st.challenge_id, NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = st.team_id AND (t.hidden OR t.banned)) AS visible
              FROM checked st JOIN solve s USING (challenge_id, team_id)) v
  )`;

// A wrong flag takes one attempt (its counter row returned: `incorrect` is stored), unless none is left. On a capped
// challenge a right flag upserts the row too, adding 0: the upsert waits for a concurrent batch's lock on it and checks
// the latest committed count, not the statement's snapshot, so a right flag racing the wrong one that spent the last
// attempt is refused (returned: it may be stored). Unlimited challenges' right flags skip this write.
// Each write waits (`WHERE (SELECT count(*) FROM <previous>) >= 0`, run once first) for the one before it to finish:
// every batch locks counters, then solves, then attempts, each in (challenge, team) order, so batches cannot deadlock.
const BATCH_STATEMENT = `WITH ${checkedRows}, counter AS (
    INSERT INTO attempt_counters AS ac (challenge_id, team_id, wrong)
    SELECT challenge_id, team_id, CASE WHEN matched THEN 0 ELSE 1 END FROM checked
     WHERE team_exists AND open AND NOT solved AND (capped OR NOT matched) ORDER BY challenge_id, team_id
    ON CONFLICT (challenge_id, team_id) DO UPDATE SET wrong = ac.wrong + excluded.wrong
    WHERE ac.wrong < ${attemptsAllowed('ac.challenge_id')}
    RETURNING challenge_id, team_id
  ), solve AS (
    INSERT INTO solves (event_id, challenge_id, team_id, user_id)
    SELECT event_id, challenge_id, team_id, user_id FROM checked st
     WHERE (SELECT count(*) FROM counter) >= 0 AND team_exists AND open AND matched AND NOT solved
       AND (NOT capped OR EXISTS (SELECT 1 FROM counter c WHERE c.challenge_id = st.challenge_id AND c.team_id = st.team_id))
     ORDER BY challenge_id, team_id
    ON CONFLICT ON CONSTRAINT solves_challenge_team_key DO NOTHING
    RETURNING challenge_id, team_id
  ), attempt AS (${insertAttempts(`
    SELECT st.event_id, st.challenge_id, st.team_id, st.user_id, st.submission, st.ip,
           CASE WHEN st.solved THEN 'already_solved'
                WHEN NOT st.matched THEN 'incorrect'
                WHEN EXISTS (SELECT 1 FROM solve s WHERE s.challenge_id = st.challenge_id AND s.team_id = st.team_id) THEN 'correct'
                ELSE 'already_solved' END::attempt_verdict
      FROM checked st
     WHERE (SELECT count(*) FROM solve) >= 0 AND st.team_exists AND st.open AND (st.solved OR (st.matched AND NOT st.capped)
           OR EXISTS (SELECT 1 FROM counter c WHERE c.challenge_id = st.challenge_id AND c.team_id = st.team_id))
     ORDER BY st.challenge_id, st.team_id`)}
    RETURNING challenge_id, team_id, verdict
  ), ${solvesCounted}
  SELECT st.n, st.open, st.team_exists, a.verdict,
         CASE WHEN a.verdict = 'correct' THEN k.before + CASE WHEN st.cutoff IS NULL THEN r.earlier ELSE 0 END END AS solves
    FROM checked st
    LEFT JOIN attempt a ON a.challenge_id = st.challenge_id AND a.team_id = st.team_id
    LEFT JOIN ranked r ON r.n = st.n
    LEFT JOIN counted k ON k.challenge_id = st.challenge_id AND k.cutoff IS NOT DISTINCT FROM st.cutoff`;

/** What one attempt statement found and did. */
export interface AttemptOutcome {
  /** False when the team no longer exists (disbanded while the attempt was on its way): nothing was stored. */
  teamExists: boolean;
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

  /** Whether the team has an attempt or a hint unlock (tables without a foreign key to teams), in the caller's transaction. */
  async teamHasUnlinkedRecords(manager: EntityManager, eventId: string, teamId: string): Promise<boolean> {
    // Through the event's challenges and hints: the (challenge_id, team_id) and (hint_id, team_id) keys answer each.
    const rows = await manager.query<Array<{ found: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM challenges c JOIN attempts a ON a.challenge_id = c.id AND a.team_id = $2 WHERE c.event_id = $1)
           OR EXISTS (SELECT 1 FROM challenges c JOIN hints h ON h.challenge_id = c.id JOIN hint_unlocks u ON u.hint_id = h.id AND u.team_id = $2
                       WHERE c.event_id = $1) AS found`,
      [eventId, teamId],
    );
    return rows[0]?.found === true;
  }

  /**
   * The attempts arriving together, of several teams, in one statement (one round trip for the batch, see
   * AttemptsBatcher); at most one row per team and challenge. Per row it checks the prerequisites (closed: nothing
   * stored); a team that had solved the challenge gets `already_solved` (counted on its already_solved row), whatever
   * it sent. A right flag stores the solve unless no attempt is left (verdict null), as committed when it runs, by
   * concurrent batches too (it waits on their counter row): the solve is unique per team and challenge, so of
   * concurrent right flags of one team exactly one is `correct`, the others `already_solved`. A wrong flag raises the
   * team's wrong count unless the challenge's max attempts (> 0) is reached (so N concurrent wrong attempts count at
   * most max) and is stored as `incorrect` only then. Rows are written in (challenge, team) order,
   * so concurrent batches take their locks in one order. Outcomes in the order of `rows`.
   */
  async recordBatch(rows: BatchedAttemptRow[]): Promise<AttemptOutcome[]> {
    const column = <K extends keyof BatchedAttemptRow>(key: K) => rows.map((row) => row[key]);
    const found = await preparedQuery<{ n: number; open: boolean; team_exists: boolean; verdict: AttemptVerdict | null; solves: string | null }>(
      this.dataSource,
      'ctf-attempts-batch',
      BATCH_STATEMENT,
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
        column('cutoff'),
      ],
    );
    const outcomes = new Array<AttemptOutcome>(rows.length);
    for (const row of found) outcomes[row.n] = { teamExists: row.team_exists, open: row.open, verdict: row.verdict, solvesBefore: row.solves === null ? null : Number(row.solves) };
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
}
