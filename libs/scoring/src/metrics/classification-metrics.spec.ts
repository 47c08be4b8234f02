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

describe('accuracy', () => {
  it('should be the share of equal labels when scoring the scikit-learn example', () => {
    // y = 0 1 2 3, p = 0 2 1 3 → rows 1 and 4 equal → 2/4 = 0.5 (sklearn accuracy_score doc).
    expect(scoreRows('accuracy', zipRows([0, 1, 2, 3], [0, 2, 1, 3]))).toBe(0.5);
  });

  it('should compare trimmed strings when labels carry spaces or differ in form', () => {
    // " cat" = "cat " (trimmed) ✓; "1" ≠ "1.0" (strings) ✗; "Dog" ≠ "dog" ✗ → 1/3.
    const rows: Array<[string, string]> = [
      [' cat', 'cat '],
      ['1', '1.0'],
      ['Dog', 'dog'],
    ];
    expect(scoreRows('accuracy', rows)).toBe(1 / 3);
  });

  it('should fail when no row was added', () => {
    expect(() => scoreRows('accuracy', [])).toThrow(ScoringFailure);
  });
});

describe('macro_f1', () => {
  it('should match scikit-learn f1_score(average="macro") when scoring its documented example', () => {
    // y = 0 1 2 0 1 2, p = 0 2 1 0 0 1.
    // label 0: TP 2 (rows 1, 4), FP 1 (row 5), FN 0 → F1 = 4 / (4 + 1 + 0) = 0.8
    // label 1: TP 0, FP 2 (rows 3, 6), FN 2 (rows 2, 5) → 0;  label 2: TP 0, FP 1, FN 2 → 0
    // mean = 0.8 / 3 = 0.26666… (sklearn docs: 0.26…)
    expect(scoreRows('macro_f1', zipRows([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]))).toBeCloseTo(0.8 / 3, 15);
  });

  it('should average over labels seen only in the predictions when p invents a label', () => {
    // y = a a b b, p = a b b c.
    // a: TP 1, FP 0, FN 1 → 2/3;  b: TP 1, FP 1, FN 1 → 2/4 = 0.5;  c: TP 0, FP 1, FN 0 → 0
    // mean over {a, b, c} = (2/3 + 1/2 + 0) / 3 = 7/18 = 0.38888…
    expect(scoreRows('macro_f1', zipRows(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'c']))).toBeCloseTo(7 / 18, 15);
  });

  it('should be 1 when every prediction is right', () => {
    expect(scoreRows('macro_f1', zipRows(['x', 'y', 'z', 'x'], ['x', 'y', 'z', 'x']))).toBe(1);
  });

  it('should be 0 when every prediction is wrong', () => {
    // y = a b, p = b a: a TP 0 → 0, b TP 0 → 0.
    expect(scoreRows('macro_f1', zipRows(['a', 'b'], ['b', 'a']))).toBe(0);
  });

  it('should weigh a rare class as much as a frequent one when classes are imbalanced', () => {
    // y = 9×"n" + "p", p = 10×"n".  n: TP 9, FP 1, FN 0 → 18/19;  p: TP 0, FN 1 → 0.  mean = 9/19
    const rows = zipRows([...Array(9).fill('n'), 'p'], Array(10).fill('n'));
    expect(scoreRows('macro_f1', rows)).toBeCloseTo(9 / 19, 15);
  });

  it('should give the same digits when the rows come in another order', () => {
    const rows = zipRows(['a', 'b', 'c', 'a', 'b', 'c', 'd'], ['a', 'c', 'c', 'b', 'b', 'a', 'e']);
    expect(scoreRows('macro_f1', [...rows].reverse())).toBe(scoreRows('macro_f1', rows));
  });
});
