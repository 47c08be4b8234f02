import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { firstBloodSolves } from './first-bloods.sql';

/** One team's standing before ranks are given. */
export interface StandingRow {
  teamId: string;
  teamName: string;
  division: string | null;
  score: number;
  /** When the team reached its score (its latest non-zero row), or null when it has none. */
  lastAt: Date | null;
  /**
   * The id of that latest row, which breaks a tie of score and time; given only to teams that tie another on both
   * (null for the others, whose order it cannot change).
   */
  lastRowId: string | null;
  /** Disqualified: listed only on the organisers' boards (`withBanned`). */
  banned: boolean;
}

export interface StandingsQuery {
  eventId: string;
  /** Current value per challenge id. */
  values: Map<string, number>;
  /** Only rows before this time count (the freeze), or all. */
  cutoff: Date | null;
  firstBloodBonus: number;
  division: string | null;
  /** Banned teams are listed too (the organisers' live board); everyone else's boards and feeds leave them out. */
  withBanned?: boolean;
}

/** One team's CTFtime task stats, as JSON text made by PostgreSQL, and its last solve (unix seconds). */
export interface TeamTaskStats {
  teamId: string;
  /** `{ "<challenge name>": { "points": n, "time": unix seconds }, … }` */
  statsJson: string;
  lastAccept: number;
}

export interface ScoringEvent {
  teamId: string;
  challengeId: string | null;
  points: number;
  at: Date;
}

// The current value of each challenge ($2 ids, $3 values), joined where it is used: a CTE would be a scan that
// keeps PostgreSQL from running the big aggregation in parallel.
const VALUES = 'unnest($2::uuid[], $3::int[]) AS v(challenge_id, value)';

// The first bloods, when a bonus ($5) is given.
const FIRST_BLOODS = `first_bloods AS (${firstBloodSolves('$1', '$4')} AND $5::int <> 0)`;

// The scoring rows other than solves, before the cutoff: first-blood bonuses and awards (hint costs are negative awards).
const BONUS_ROWS = `
  ${FIRST_BLOODS},
  bonus AS (
    SELECT team_id, challenge_id, $5::int AS points, created_at AS at, 'fb-' || id AS row_id FROM first_bloods
    UNION ALL
    SELECT a.team_id, NULL::uuid, a.value, a.created_at, a.id::text
      FROM awards a WHERE a.event_id = $1 AND ($4::timestamptz IS NULL OR a.created_at < $4)
  )`;

// Every scoring row of the event before the cutoff: solves at their challenge's current value, first-blood
// bonuses and awards. Hidden teams score nothing.
const SCORING_ROWS = `
  ${BONUS_ROWS},
  scoring AS (
    SELECT s.team_id, s.challenge_id, v.value AS points, s.created_at AS at, s.id::text AS row_id
      FROM solves s JOIN teams t ON t.id = s.team_id AND NOT t.hidden JOIN ${VALUES} ON v.challenge_id = s.challenge_id
     WHERE s.event_id = $1 AND ($4::timestamptz IS NULL OR s.created_at < $4)
    UNION ALL
    SELECT * FROM bonus
  )`;

@Injectable()
export class StandingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private params(query: StandingsQuery): unknown[] {
    return [query.eventId, [...query.values.keys()], [...query.values.values()], query.cutoff, query.firstBloodBonus];
  }

  /** Every visible team of the event (of the division), ordered by the standings rules. */
  async standings(query: StandingsQuery): Promise<StandingRow[]> {
    const rows: Array<{ id: string; name: string; division: string | null; banned: boolean; score: string; last_at: Date | null; last_id: string | null }> =
      await this.dataSource.query(
        // The rows of SCORING_ROWS, shaped for speed at 20 000 teams / 400 000 solves: the solves are summed per
        // team in one pass (hidden teams are left out at the end), and the id of a team's latest row is looked up
        // only for teams whose score and time equal another team's, the one case where it decides the order. Row ids
        // compare as bytes whatever the database's locale, as the worker's in-memory standings compare them.
        `WITH ${BONUS_ROWS},
         totals AS (
           SELECT team_id, sum(score)::bigint AS score, max(last_at) AS last_at FROM (
             SELECT s.team_id, sum(v.value) AS score, max(s.created_at) FILTER (WHERE v.value <> 0) AS last_at
               FROM solves s JOIN ${VALUES} ON v.challenge_id = s.challenge_id
              WHERE s.event_id = $1 AND ($4::timestamptz IS NULL OR s.created_at < $4)
              GROUP BY s.team_id
             UNION ALL
             SELECT team_id, points, CASE WHEN points <> 0 THEN at END FROM bonus
           ) AS parts GROUP BY team_id
         ),
         standing AS (
           SELECT t.id, t.name, t.division, t.banned, coalesce(totals.score, 0) AS score, totals.last_at
             FROM teams t LEFT JOIN totals ON totals.team_id = t.id
            WHERE t.event_id = $1 AND NOT t.hidden AND ($7::boolean OR NOT t.banned) AND ($6::text IS NULL OR t.division = $6)
         ),
         tied AS MATERIALIZED (
           SELECT st.id, st.last_at FROM standing st JOIN (
             SELECT score, last_at FROM standing WHERE last_at IS NOT NULL GROUP BY score, last_at HAVING count(*) > 1
           ) AS tie USING (score, last_at)
         ),
         latest AS (
           SELECT team_id, max(row_id COLLATE "C") AS row_id FROM (
             SELECT s.team_id, s.id::text AS row_id
               FROM tied JOIN solves s ON s.team_id = tied.id AND s.created_at = tied.last_at
               JOIN ${VALUES} ON v.challenge_id = s.challenge_id AND v.value <> 0
             UNION ALL
             SELECT b.team_id, b.row_id FROM tied JOIN bonus b ON b.team_id = tied.id AND b.at = tied.last_at WHERE b.points <> 0
           ) AS candidates GROUP BY team_id
         )
         SELECT st.id, st.name, st.division, st.banned, st.score, st.last_at, latest.row_id AS last_id
           FROM standing st LEFT JOIN latest ON latest.team_id = st.id
          ORDER BY st.score DESC, st.last_at ASC NULLS LAST, latest.row_id COLLATE "C" ASC NULLS LAST, st.name ASC`,
        [...this.params(query), query.division, query.withBanned === true],
      );
    return rows.map((row) => ({
      teamId: row.id,
      teamName: row.name,
      division: row.division,
      score: Number(row.score),
      lastAt: row.last_at,
      lastRowId: row.last_id,
      banned: row.banned,
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

  /**
   * The latest solves before the cutoff, newest first, as a JSON array made by PostgreSQL: teams neither hidden nor
   * banned (also on the organisers' view: the ticker is for the hall), challenges visible now (a hidden one's name
   * is not shown), each marked when it was the challenge's first blood.
   */
  async recentSolves(query: StandingsQuery, limit: number): Promise<string> {
    const rows: Array<{ solves: string | null }> = await this.dataSource.query(
      `WITH first_bloods AS (${firstBloodSolves('$1', '$2')}),
       latest AS (
         SELECT s.id, t.id AS team_id, t.name AS team_name, c.id AS challenge_id, c.name AS challenge_name, s.created_at,
                EXISTS (SELECT 1 FROM first_bloods fb WHERE fb.id = s.id) AS first_blood
           FROM solves s JOIN teams t ON t.id = s.team_id AND NOT t.hidden AND NOT t.banned
           JOIN challenges c ON c.id = s.challenge_id AND c.state = 'visible'
          WHERE s.event_id = $1 AND ($2::timestamptz IS NULL OR s.created_at < $2)
          ORDER BY s.created_at DESC, s.id DESC LIMIT $3)
       SELECT json_agg(json_build_object('id', id, 'teamId', team_id, 'teamName', team_name, 'challengeId', challenge_id,
                'challengeName', challenge_name, 'at', created_at, 'firstBlood', first_blood) ORDER BY created_at DESC, id DESC)::text AS solves
         FROM latest`,
      [query.eventId, query.cutoff, limit],
    );
    return rows[0]?.solves ?? '[]';
  }

  /**
   * Every team's solves as CTFtime task stats (points: the current value plus any first-blood bonus), built as JSON
   * by PostgreSQL in one pass over the solves: no object per solve in node. Teams off the board are left to the caller.
   */
  async taskStats(query: StandingsQuery): Promise<TeamTaskStats[]> {
    const rows: Array<{ team_id: string; stats: string; last_accept: string }> = await this.dataSource.query(
      // Text, not json_object_agg: each challenge's key is escaped once, each solve is one concatenation (no json value per solve).
      `WITH ${FIRST_BLOODS},
       names AS (SELECT id, to_json(name)::text || ':{"points":' AS prefix FROM challenges WHERE event_id = $1)
       SELECT s.team_id,
              '{' || string_agg(n.prefix || (v.value + CASE WHEN fb.id IS NULL THEN 0 ELSE $5 END)
                || ',"time":' || floor(extract(epoch FROM s.created_at))::bigint || '}', ',') || '}' AS stats,
              floor(extract(epoch FROM max(s.created_at)))::bigint AS last_accept
         FROM solves s JOIN ${VALUES} ON v.challenge_id = s.challenge_id JOIN names n ON n.id = s.challenge_id
         LEFT JOIN first_bloods fb ON fb.id = s.id
        WHERE s.event_id = $1 AND ($4::timestamptz IS NULL OR s.created_at < $4)
        GROUP BY s.team_id`,
      this.params(query),
    );
    return rows.map((row) => ({ teamId: row.team_id, statsJson: row.stats, lastAccept: Number(row.last_accept) }));
  }
}
