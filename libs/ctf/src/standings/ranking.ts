import { StandingRow } from './standings.repository';

export interface RankedRow extends StandingRow {
  rank: number;
}

/**
 * Absolute ranks over rows already in standings order. Rows share a rank only when their standing is
 * exactly equal under the tie-break: same score and no scoring row at all (the latest row breaks every other tie).
 */
export function rankRows(rows: StandingRow[]): RankedRow[] {
  const ranked = new Array<RankedRow>(rows.length);
  rows.forEach((row, index) => {
    const previous = ranked[index - 1];
    const tied = previous !== undefined && previous.score === row.score && previous.lastAt === null && row.lastAt === null;
    // Named fields, not a spread: 20 000 rows a recompute.
    const { teamId, teamName, division, score, lastAt, lastRowId, banned } = row;
    ranked[index] = { teamId, teamName, division, score, lastAt, lastRowId, banned, rank: tied ? previous.rank : index + 1 };
  });
  return ranked;
}

/** A board without its banned teams (the public one), ranked again; the same array when nobody is banned. */
export function withoutBannedRows(rows: RankedRow[]): RankedRow[] {
  return rows.some((row) => row.banned) ? rankRows(rows.filter((row) => !row.banned)) : rows;
}
