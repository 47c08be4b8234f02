import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One team's standing before ranks are given. */
export interface StandingRow {
  teamId: string;
  teamName: string;
  division: string | null;
  score: number;
  /** When the team reached its score (its latest non-zero row), or null. */
  lastAt: Date | null;
  lastRowId: string | null;
}

export interface StandingsQuery {
  eventId: string;
  /** Current value per challenge id. */
  values: Map<string, number>;
  /** Only rows before this time count (the freeze), or all. */
  cutoff: Date | null;
  firstBloodBonus: number;
  division: string | null;
}

export interface ScoringEvent {
  teamId: string;
  challengeId: string | null;
  points: number;
  at: Date;
}

// Every scoring row of the event before the cutoff: solves at their challenge's current value,
// first-blood bonuses, and awards (hint costs are negative awards). Hidden teams score nothing.
const SCORING_ROWS = `
  vals AS (SELECT * FROM unnest($2::uuid[], $3::int[]) AS v(challenge_id, value)),
  counted AS (
    SELECT s.id, s.team_id, s.challenge_id, s.created_at
      FROM solves s JOIN teams t ON t.id = s.team_id AND NOT t.hidden
     WHERE s.event_id = $1 AND ($4::timestamptz IS NULL OR s.created_at < $4)
  ),
  scoring AS (
    SELECT c.team_id, c.challenge_id, v.value AS points, c.created_at AS at, c.id::text AS row_id
      FROM counted c JOIN vals v ON v.challenge_id = c.challenge_id
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (c.challenge_id) c.team_id, c.challenge_id, $5::int AS points, c.created_at AS at, 'fb-' || c.id AS row_id
        FROM counted c WHERE $5::int <> 0 ORDER BY c.challenge_id, c.created_at, c.id
    ) AS first_bloods
    UNION ALL
    SELECT a.team_id, NULL::uuid, a.value, a.created_at, a.id::text
      FROM awards a WHERE a.event_id = $1 AND ($4::timestamptz IS NULL OR a.created_at < $4)
  )`;

@Injectable()
export class StandingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private params(query: StandingsQuery): unknown[] {
    return [query.eventId, [...query.values.keys()], [...query.values.values()], query.cutoff, query.firstBloodBonus];
  }

  /** Every visible team of the event (of the division), ordered by the standings rules. */
  async standings(query: StandingsQuery): Promise<StandingRow[]> {
    const rows: Array<{ id: string; name: string; division: string | null; score: string; last_at: Date | null; last_id: string | null }> =
      await this.dataSource.query(
        // The same rows as SCORING_ROWS, shaped for speed at 20 000 teams / 400 000 solves: solves are not joined
        // to teams (hidden teams are left out at the end), the scoring rows are materialised once, and each team's
        // latest row is found by its time instead of sorting every row.
        `WITH vals AS (SELECT * FROM unnest($2::uuid[], $3::int[]) AS v(challenge_id, value)),
         counted AS NOT MATERIALIZED (
           SELECT s.id, s.team_id, s.challenge_id, s.created_at FROM solves s
            WHERE s.event_id = $1 AND ($4::timestamptz IS NULL OR s.created_at < $4)
         ),
         scoring AS MATERIALIZED (
           SELECT c.team_id, v.value AS points, c.created_at AS at, c.id, false AS fb FROM counted c JOIN vals v ON v.challenge_id = c.challenge_id
           UNION ALL
           SELECT * FROM (
             SELECT DISTINCT ON (c.challenge_id) c.team_id, $5::int, c.created_at, c.id, true
               FROM counted c JOIN teams t ON t.id = c.team_id AND NOT t.hidden
              WHERE $5::int <> 0 ORDER BY c.challenge_id, c.created_at, c.id
           ) AS first_bloods
           UNION ALL
           SELECT a.team_id, a.value, a.created_at, a.id, false FROM awards a WHERE a.event_id = $1 AND ($4::timestamptz IS NULL OR a.created_at < $4)
         ),
         totals AS (SELECT team_id, sum(points) AS score, max(at) FILTER (WHERE points <> 0) AS last_at FROM scoring GROUP BY team_id),
         latest AS (
           SELECT s.team_id, max(CASE WHEN s.fb THEN 'fb-' || s.id ELSE s.id::text END) AS row_id
             FROM scoring s JOIN totals ON totals.team_id = s.team_id AND s.at = totals.last_at
            WHERE s.points <> 0 GROUP BY s.team_id
         )
         SELECT t.id, t.name, t.division, coalesce(totals.score, 0) AS score, totals.last_at, latest.row_id AS last_id
           FROM teams t
           LEFT JOIN totals ON totals.team_id = t.id
           LEFT JOIN latest ON latest.team_id = t.id
          WHERE t.event_id = $1 AND NOT t.hidden AND ($6::text IS NULL OR t.division = $6)
          ORDER BY score DESC, last_at ASC NULLS LAST, last_id ASC NULLS LAST, t.name ASC`,
        [...this.params(query), query.division],
      );
    return rows.map((row) => ({
      teamId: row.id,
      teamName: row.name,
      division: row.division,
      score: Number(row.score),
      lastAt: row.last_at,
      lastRowId: row.last_id,
    }));
  }

  /** The scoring rows of some teams in time order (score graphs, CTFtime task stats). */
  async scoringEvents(query: StandingsQuery, teamIds: string[]): Promise<ScoringEvent[]> {
    if (teamIds.length === 0) return [];
    const rows: Array<{ team_id: string; challenge_id: string | null; points: number; at: Date }> = await this.dataSource.query(
      `WITH ${SCORING_ROWS}
       SELECT team_id, challenge_id, points, at FROM scoring WHERE team_id = ANY($6::uuid[]) ORDER BY at, row_id`,
      [...this.params(query), teamIds],
    );
    return rows.map((row) => ({ teamId: row.team_id, challengeId: row.challenge_id, points: Number(row.points), at: row.at }));
  }
}
