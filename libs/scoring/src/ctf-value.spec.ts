import { challengeValue, ValueFunction, ValueParams } from './ctf-value';

const logarithmic = (initial: number, minimum: number, decay: number): ValueParams => ({
  function: ValueFunction.Logarithmic,
  value: 0,
  initial,
  minimum,
  decay,
});

describe('challengeValue (CTFd 3.8)', () => {
  it('should follow the logarithmic curve 100/1/20 when solved 1, 5, 10, 15, 20, 21 times', () => {
    const params = logarithmic(100, 1, 20);
    expect([1, 5, 10, 15, 20, 21].map((solves) => challengeValue(params, solves))).toEqual([100, 97, 80, 52, 11, 1]);
  });

  it('should follow the logarithmic curve 500/100/30 when solved 1, 2, 5, 10, 15, 20, 25, 30, 31 times', () => {
    const params = logarithmic(500, 100, 30);
    expect([1, 2, 5, 10, 15, 20, 25, 30, 31].map((solves) => challengeValue(params, solves))).toEqual([500, 500, 493, 464, 413, 340, 244, 127, 100]);
  });

  it('should keep the initial value when nobody solved it', () => {
    expect(challengeValue(logarithmic(500, 100, 30), 0)).toBe(500);
  });

  it('should lose decay points per solve after the first when linear 100/1/5', () => {
    const params: ValueParams = { function: ValueFunction.Linear, value: 0, initial: 100, minimum: 1, decay: 5 };
    // The solver with 0-based index i sees 100 − 5i for i < 20, then 1.
    for (let i = 0; i < 25; i += 1) {
      expect(challengeValue(params, i + 1)).toBe(i < 20 ? 100 - 5 * i : 1);
    }
  });

  it('should treat decay 0 as 1 when logarithmic', () => {
    expect(challengeValue(logarithmic(100, 10, 0), 2)).toBe(10);
  });

  it('should return the fixed value whatever the solves when static', () => {
    const params: ValueParams = { function: ValueFunction.Static, value: 250, initial: 0, minimum: 0, decay: 0 };
    expect(challengeValue(params, 0)).toBe(250);
    expect(challengeValue(params, 1000)).toBe(250);
  });

  it('should never go below the minimum when many solve it', () => {
    expect(challengeValue(logarithmic(500, 100, 30), 10_000)).toBe(100);
    expect(challengeValue({ function: ValueFunction.Linear, value: 0, initial: 500, minimum: 50, decay: 40 }, 100)).toBe(50);
  });
});
