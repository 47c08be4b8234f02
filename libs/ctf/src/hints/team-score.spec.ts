import { ValueFunction } from '@arena/scoring';
import { teamScore } from './team-score';

const solve = (overrides: Partial<{ function: ValueFunction; value: number; initial: number; minimum: number; decay: number; solves: number }>) => ({
  function: ValueFunction.Static,
  value: 0,
  initial: 0,
  minimum: 0,
  decay: 0,
  solves: 1,
  ...overrides,
});

describe('team score', () => {
  it('should add the current value of each solve, the awards and the first-blood bonuses when all are present', () => {
    const parts = {
      solves: [
        solve({ value: 100 }),
        // Linear: 500 - 30 × (4 - 1).
        solve({ function: ValueFunction.Linear, initial: 500, minimum: 100, decay: 30, solves: 4 }),
        solve({ function: ValueFunction.Logarithmic, initial: 500, minimum: 100, decay: 10, solves: 50 }),
      ],
      awards: -25,
      firstBloods: 2,
    };
    expect(teamScore(parts, 10)).toBe(100 + 410 + 100 - 25 + 20);
    expect(teamScore(parts, 0)).toBe(100 + 410 + 100 - 25);
  });

  it('should be the awards alone when the team solved nothing', () => {
    expect(teamScore({ solves: [], awards: 15, firstBloods: 0 }, 50)).toBe(15);
  });
});
