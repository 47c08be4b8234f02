import { cumulativePoints } from './score-history';
import { ScoringEvent } from './standings.repository';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 9, 0, seconds));
const event = (seconds: number, points: number, challengeId: string | null = 'c'): ScoringEvent => ({ teamId: 't', challengeId, points, at: at(seconds) });

describe('cumulativePoints', () => {
  it('should give the running total after each row when rows come at different times', () => {
    expect(cumulativePoints([event(1, 100), event(2, -10, null), event(3, 300)])).toEqual([
      { at: at(1).toISOString(), score: 100 },
      { at: at(2).toISOString(), score: 90 },
      { at: at(3).toISOString(), score: 390 },
    ]);
  });

  it('should make one point of a solve and its first-blood bonus when they share an instant', () => {
    expect(cumulativePoints([event(1, 100), event(1, 10), event(2, 50)])).toEqual([
      { at: at(1).toISOString(), score: 110 },
      { at: at(2).toISOString(), score: 160 },
    ]);
  });

  it('should return no points when the team never scored', () => {
    expect(cumulativePoints([])).toEqual([]);
  });
});
