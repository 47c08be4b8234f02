import { ScoringFailure } from './scoring-failure';
import { createMetric } from './metric-registry';

// Scores [truth, prediction] pairs with a fresh metric; row i+1 has id `r<i+1>`.
function scoreRows(name: string, rows: ReadonlyArray<readonly [string, string]>, k?: number): number {
  const metric = createMetric(name, { k });
  rows.forEach(([truth, prediction], i) => metric.add(truth, prediction, i + 1, `r${i + 1}`));
  return metric.finish();
}

// Pairs the y and p columns of a worked example.
function zipRows(y: ReadonlyArray<string | number>, p: ReadonlyArray<string | number>): Array<[string, string]> {
  return y.map((truth, i) => [String(truth), String(p[i])]);
}

describe('rmse', () => {
  it('should be the root of the mean squared error when scoring the scikit-learn example', () => {
    // y = 3 −0.5 2 7, p = 2.5 0 2 8 → errors −0.5 0.5 0 1 → squares 0.25 0.25 0 1 → Σ 1.5 → /4 = 0.375 → √ = 0.61237…
    expect(scoreRows('rmse', zipRows([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]))).toBe(Math.sqrt(0.375));
  });

  it('should be spreadsheet-exact when errors are integers', () => {
    // errors 3, −4 → squares 9, 16 → Σ 25 → /2 = 12.5 → √12.5 = 3.5355339059327378
    expect(scoreRows('rmse', zipRows([0, 4], [3, 0]))).toBe(Math.sqrt(12.5));
    // errors 1 1 1 1 → mean square 1 → 1
    expect(scoreRows('rmse', zipRows([1, 2, 3, 4], [2, 3, 4, 5]))).toBe(1);
  });

  it('should accept any plain decimal form when predictions use signs, exponents and bare fractions', () => {
    // p = +1, .5, 5e-1, -0 against y = 1, 0.5, 0.5, 0 → all exact → 0
    expect(scoreRows('rmse', zipRows([1, 0.5, 0.5, 0], ['+1', '.5', '5e-1', '-0']))).toBe(0);
  });

  it('should fail naming the row when a prediction is not a finite number', () => {
    expect(() => scoreRows('rmse', zipRows([1, 2], [1, 'abc']))).toThrow('row 2 (id "r2"): prediction "abc" is not a finite number');
  });

  it('should fail without repeating the value when the ground truth is not a number', () => {
    let failure: unknown;
    try {
      scoreRows('rmse', [['secret-value', '1']]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ScoringFailure);
    expect((failure as Error).message).toMatch(/^row 1 \(id "r1"\): the ground truth is not a finite number/);
    expect((failure as Error).message).not.toContain('secret-value');
  });

  it('should fail rather than return Infinity when squares overflow', () => {
    expect(() => scoreRows('rmse', zipRows([0], ['1e200']))).toThrow(/overflows/);
  });
});

describe('mae', () => {
  it('should be the mean absolute error when scoring the scikit-learn example', () => {
    // |−0.5| + |0.5| + 0 + |1| = 2 → /4 = 0.5
    expect(scoreRows('mae', zipRows([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]))).toBe(0.5);
  });

  it('should be spreadsheet-exact when errors are integers', () => {
    // |3| + |−4| + |0| = 7 → /3 = 2.3333…
    expect(scoreRows('mae', zipRows([0, 4, 5], [3, 0, 5]))).toBe(7 / 3);
  });

  it('should not drift when summing a million small errors', () => {
    // Σ of 10^6 × 0.1 (not exact in binary) / 10^6 should stay 0.1 to 15 digits.
    const metric = scoreRowsMany('mae', 1_000_000, '0', '0.1');
    expect(metric).toBeCloseTo(0.1, 15);
  });
});

describe('log_loss', () => {
  it('should match scikit-learn log_loss when scoring its documented example', () => {
    // y = 1 0 0 1, p(1) = .9 .1 .2 .65 → −(ln .9 + ln .9 + ln .8 + ln .65) / 4
    //   = (0.1053605 + 0.1053605 + 0.2231436 + 0.4307829) / 4 = 0.2161618… (sklearn docs: 0.21616…)
    const expected = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4;
    expect(scoreRows('log_loss', zipRows([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65]))).toBeCloseTo(expected, 15);
    expect(expected).toBeCloseTo(0.21616187468057912, 15);
  });

  it('should clip p to 1e-15 when a positive row predicts 0', () => {
    // −ln(1e−15) = 15·ln 10 = 34.538776394910684
    expect(scoreRows('log_loss', [['1', '0']])).toBeCloseTo(34.538776394910684, 12);
  });

  it('should clip p to 1 − 1e-15 when a negative row predicts 1 or more', () => {
    // −ln(1 − (1 − 1e−15)) = −ln(9.992007221626409e−16) = 34.53957599234088 (the double 1 − 1e−15 is not exact)
    expect(scoreRows('log_loss', [['0', '1']])).toBeCloseTo(34.53957599234088, 12);
    expect(scoreRows('log_loss', [['0', '7']])).toBeCloseTo(34.53957599234088, 12);
  });

  it('should be near 0 when the confident predictions are right', () => {
    // y=1 p=1 → −ln(1 − 1e−15) ≈ 1e−15; y=0 p=0 → −ln(1 − 1e−15) ≈ 1e−15
    expect(scoreRows('log_loss', zipRows([1, 0], [1, 0]))).toBeLessThan(2e-15);
  });

  it('should accept 1.0 and 0.0 as binary labels when the ground truth is written as decimals', () => {
    expect(scoreRows('log_loss', zipRows(['1.0', '0.0'], [0.5, 0.5]))).toBeCloseTo(Math.LN2, 15);
  });

  it('should fail naming the row when the ground truth is not 0 or 1', () => {
    expect(() => scoreRows('log_loss', zipRows([1, 2], [0.5, 0.5]))).toThrow(/^row 2 \(id "r2"\): the ground truth is not 0 or 1/);
  });
});

function scoreRowsMany(name: string, count: number, truth: string, prediction: string): number {
  return scoreRows(
    name,
    Array.from({ length: count }, () => [truth, prediction] as const),
  );
}
