/**
 * SQL: each challenge of the event (`event`, an SQL expression) with its first solve by a team neither hidden nor banned before the
 * cutoff (`cutoff`, a timestamptz expression or NULL), in time then id order: one probe per challenge on the index
 * solves_first_blood instead of sorting every solve of the event. Columns: id, team_id, challenge_id, created_at.
 */
export const firstBloodSolves = (event: string, cutoff: string): string => `
  SELECT fb.* FROM challenges ch CROSS JOIN LATERAL (
    SELECT s.id, s.team_id, s.challenge_id, s.created_at FROM solves s
     WHERE s.challenge_id = ch.id AND (${cutoff}::timestamptz IS NULL OR s.created_at < ${cutoff})
       AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = s.team_id AND (t.hidden OR t.banned))
     ORDER BY s.created_at, s.id LIMIT 1
  ) AS fb
   WHERE ch.event_id = ${event}`;
