import { Page } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttemptVerdict } from './attempt-verdict.enum';

/** What organisers narrow the attempts log by. */
export interface AttemptLogFilter {
  teamId?: string;
  challengeId?: string;
  verdict?: AttemptVerdict;
  since?: Date;
  until?: Date;
  /** Only attempts that other teams' identical submissions flag as possible sharing. */
  shared?: boolean;
  /** How close in time identical submissions of other teams must be to flag an attempt. */
  windowSeconds: number;
}

/** One attempt of the log, with the names organisers read and its sharing signal. */
export interface AttemptLogRow {
  id: string;
  challengeId: string;
  challengeName: string;
  teamId: string;
  teamName: string;
  userId: string;
  userName: string | null;
  submission: string;
  verdict: AttemptVerdict;
  ip: string | null;
  createdAt: Date;
  count: number;
  lastAt: Date | null;
  sharedWith: number;
}

// Other teams that sent the same text to the same challenge within the window (whole seconds, validated) of attempt
// `a`: the same up to case when one of the challenge's flags is case-insensitive (a flag sent in another case solves it
// all the same), else identical. Resubmissions to a solved challenge (already_solved) are neither flagged nor flag
// others. The index attempts_sharing (challenge_id, md5(lower(submission)), created_at) answers both comparisons.
const sharers = (select: string, seconds: number) => `(
  SELECT ${select} FROM attempts o
   WHERE a.verdict <> 'already_solved' AND o.verdict <> 'already_solved'
     AND o.challenge_id = a.challenge_id AND md5(lower(o.submission)) = md5(lower(a.submission)) AND lower(o.submission) = lower(a.submission)
     AND (o.submission = a.submission OR EXISTS (SELECT 1 FROM challenge_flags f WHERE f.challenge_id = a.challenge_id AND f.case_insensitive))
     AND o.team_id <> a.team_id
     AND o.created_at BETWEEN a.created_at - make_interval(secs => ${Math.trunc(seconds)}) AND a.created_at + make_interval(secs => ${Math.trunc(seconds)}))`;

// The (challenge, text up to case) pairs at least two teams sent: a hash aggregate over the event first, so the window
// check only runs on their attempts when the log is narrowed to shared ones (it then compares case where it matters).
const sharedTexts = `(a.challenge_id, lower(a.submission)) IN (
  SELECT challenge_id, lower(submission) FROM attempts
   WHERE event_id = $1 AND verdict <> 'already_solved'
   GROUP BY challenge_id, lower(submission) HAVING count(DISTINCT team_id) > 1)`;

/** The organisers' attempts log: filters, names and the flag-sharing signal, in SQL. */
@Injectable()
export class AttemptLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findPage(eventId: string, filter: AttemptLogFilter, limit: number, offset: number): Promise<Page<AttemptLogRow>> {
    const values: unknown[] = [eventId];
    const where = ['a.event_id = $1'];
    const add = (condition: (param: string) => string, value: unknown) => {
      values.push(value);
      where.push(condition(`$${values.length}`));
    };
    if (filter.teamId) add((p) => `a.team_id = ${p}`, filter.teamId);
    if (filter.challengeId) add((p) => `a.challenge_id = ${p}`, filter.challengeId);
    if (filter.verdict) add((p) => `a.verdict = ${p}::attempt_verdict`, filter.verdict);
    if (filter.since) add((p) => `a.created_at >= ${p}`, filter.since);
    if (filter.until) add((p) => `a.created_at < ${p}`, filter.until);
    if (filter.shared) where.push(sharedTexts, `EXISTS ${sharers('1', filter.windowSeconds)}`);
    const conditions = where.join(' AND ');
    const [{ total }]: Array<{ total: string }> = await this.dataSource.query(`SELECT count(*) AS total FROM attempts a WHERE ${conditions}`, values);
    const rows: AttemptLogRow[] = await this.dataSource.query(
      `SELECT a.id, a.challenge_id AS "challengeId", c.name AS "challengeName", a.team_id AS "teamId", t.name AS "teamName",
              a.user_id AS "userId", u.display_name AS "userName", a.submission, a.verdict, a.ip, a.created_at AS "createdAt",
              a.count, a.last_at AS "lastAt", ${sharers('count(DISTINCT o.team_id)::int', filter.windowSeconds)} AS "sharedWith"
         FROM attempts a
         JOIN challenges c ON c.id = a.challenge_id
         JOIN teams t ON t.id = a.team_id
         LEFT JOIN users u ON u.id = a.user_id
        WHERE ${conditions}
        ORDER BY a.created_at DESC, a.id ASC
        LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, limit, offset],
    );
    return { items: rows, total: Number(total) };
  }
}
