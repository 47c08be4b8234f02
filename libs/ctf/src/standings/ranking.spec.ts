import { rankRows } from './ranking';
import { StandingRow } from './standings.repository';

const row = (teamId: string, score: number, lastRowId: string | null): StandingRow => ({
  teamId,
  teamName: teamId,
  division: null,
  score,
  lastAt: lastRowId ? new Date() : null,
  lastRowId,
});

describe('rankRows', () => {
  it('should give distinct ranks when scores tie but the latest rows differ', () => {
    expect(rankRows([row('a', 100, 'r1'), row('b', 100, 'r2'), row('c', 50, 'r3')]).map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('should give zero-score teams without rows one shared rank after the others', () => {
    expect(rankRows([row('a', 10, 'r1'), row('b', 0, null), row('c', 0, null)]).map((r) => r.rank)).toEqual([1, 2, 2]);
  });

  it('should return nothing when there are no teams', () => {
    expect(rankRows([])).toEqual([]);
  });
});
