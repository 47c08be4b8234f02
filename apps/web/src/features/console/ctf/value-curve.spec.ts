import { challengeValue, ValueFunction } from '@arena/scoring';
import { curveLength, CurveParams, previewValue } from './value-curve';

const log = (initial: number, minimum: number, decay: number): CurveParams => ({ function: 'logarithmic', value: 0, initial, minimum, decay });

describe('the editor’s value preview', () => {
  it('should give scoring.md’s worked numbers when the function is logarithmic or linear', () => {
    expect([1, 5, 10, 15, 20, 21].map((solves) => previewValue(log(100, 1, 20), solves))).toEqual([100, 97, 80, 52, 11, 1]);
    expect([1, 2, 5, 10, 15, 20, 25, 30, 31].map((solves) => previewValue(log(500, 100, 30), solves))).toEqual([500, 500, 493, 464, 413, 340, 244, 127, 100]);
    const linear: CurveParams = { function: 'linear', value: 0, initial: 100, minimum: 1, decay: 5 };
    expect([1, 2, 20, 21, 40].map((solves) => previewValue(linear, solves))).toEqual([100, 95, 5, 1, 1]);
  });

  it('should equal the API’s challengeValue when run over a grid of parameters and solve counts', () => {
    const differences: string[] = [];
    for (const fn of ['static', 'linear', 'logarithmic'] as const) {
      for (const initial of [0, 1, 50, 100, 333, 500, 1000]) {
        for (const minimum of [0, 1, 10, 100, 499]) {
          for (const decay of [0, 1, 3, 7, 15, 30, 100]) {
            const params: CurveParams = { function: fn, value: initial, initial, minimum, decay };
            const api = { function: fn as ValueFunction, value: initial, initial, minimum, decay };
            for (let solves = 0; solves <= 120; solves++) {
              const mine = previewValue(params, solves);
              const theirs = challengeValue(api, solves);
              if (mine !== theirs) differences.push(`${fn} ${initial}/${minimum}/${decay} @${solves}: ${mine} vs ${theirs}`);
            }
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('should span past the solve that reaches the minimum when the decay is long', () => {
    expect(curveLength(log(500, 100, 30))).toBeGreaterThanOrEqual(31);
    expect(curveLength({ function: 'linear', value: 0, initial: 1000, minimum: 0, decay: 10 })).toBeGreaterThanOrEqual(101);
    expect(curveLength(log(500, 100, 100_000))).toBe(500);
    expect(curveLength({ function: 'static', value: 100, initial: 0, minimum: 0, decay: 0 })).toBe(20);
  });
});
