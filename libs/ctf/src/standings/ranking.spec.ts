import { rankRows } from './ranking';
import { StandingRow } from './standings.repository';

const row = (teamId: string, score: number, lastRowId: string | null): StandingRow => ({
  teamId,
  teamName: teamId,
  division: null,
  score,
  lastAt: lastRowId ? new Date() : null,
  lastRowId,
  banned: false,
});

const ranks = (rows: StandingRow[]) => rankRows(rows).map((ranked) => ranked.rank);

describe('rankRows', () => {
  it('should give distinct ranks when scores tie but the latest rows differ', () => {
    expect(ranks([row('a', 100, 'r1'), row('b', 100, 'r2'), row('c', 50, 'r3')])).toEqual([1, 2, 3]);
  });

  it('should give distinct ranks when scores tie and the latest row ids are left out (their times differ)', () => {
    const timed = (teamId: string, score: number): StandingRow => ({ ...row(teamId, score, null), lastAt: new Date() });
    expect(ranks([timed('a', 100), timed('b', 100), row('c', 100, null)])).toEqual([1, 2, 3]);
  });

  it('should give zero-score teams without rows one shared rank after the others', () => {
    expect(ranks([row('a', 10, 'r1'), row('b', 0, null), row('c', 0, null)])).toEqual([1, 2, 2]);
  });

  it('should keep ranks absolute after a shared rank when teams follow the zero-score ones', () => {
    expect(ranks([row('a', 10, 'r1'), row('b', 0, null), row('c', 0, null), row('d', 0, null), row('e', -5, 'r2')])).toEqual([1, 2, 2, 2, 5]);
  });

  it('should rank a team that scored back to zero apart from teams that never scored when both have zero', () => {
    expect(ranks([row('a', 0, 'r1'), row('b', 0, null), row('c', 0, null)])).toEqual([1, 2, 2]);
  });

  it('should not share a rank when two teams have no rows but different scores', () => {
    expect(ranks([row('a', 0, null), row('b', -1, null)])).toEqual([1, 2]);
  });

  it('should keep the rows and their order when it gives ranks', () => {
    const rows = [row('a', 30, 'r1'), row('b', 20, 'r2')];
    expect(rankRows(rows)).toEqual([
      { ...rows[0], rank: 1 },
      { ...rows[1], rank: 2 },
    ]);
  });

  it('should return nothing when there are no teams', () => {
    expect(rankRows([])).toEqual([]);
  });
});
