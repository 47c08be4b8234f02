import { createMetric } from './metric-registry';
import { ScoringFailure } from './scoring-failure';

function auc(y: number[], p: Array<number | string>): number {
  const metric = createMetric('roc_auc');
  y.forEach((label, i) => metric.add(String(label), String(p[i]), i + 1, `r${i + 1}`));
  return metric.finish();
}

// O(P·N) definition: share of (positive, negative) pairs where the positive scores higher, ties ½.
function bruteForceAuc(y: number[], p: number[]): number {
  let wins = 0;
  let pairs = 0;
  y.forEach((yi, i) => {
    if (yi !== 1) return;
    y.forEach((yj, j) => {
      if (yj !== 0) return;
      pairs++;
      wins += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('roc_auc', () => {
  it('should be 0.75 when scoring the scikit-learn example y=[0,0,1,1], p=[0.1,0.4,0.35,0.8]', () => {
    // positives 0.35, 0.8; negatives 0.1, 0.4.
    // 0.35 beats 0.1 (1), loses to 0.4 (0); 0.8 beats both (2) → 3 of 4 pairs = 0.75
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('should count a tie as one half when a positive and a negative share a score', () => {
    // positives 0.5, 0.8; negatives 0.5, 0.2.
    // 0.5 vs 0.5 → ½, 0.5 vs 0.2 → 1, 0.8 vs both → 2 → 3.5 / 4 = 0.875 (sklearn gives 0.875)
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.8])).toBe(0.875);
  });

  it('should be 0.5 when every score is the same', () => {
    expect(auc([0, 1, 1, 0, 1], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('should be 1 when positives all rank above negatives and 0 when all below', () => {
    expect(auc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(auc([0, 0, 1, 1], [4, 3, 2, 1])).toBe(0);
  });

  it('should only use the ranking when scores are not probabilities', () => {
    // Same order as the sklearn example, rescaled and shifted: still 0.75.
    expect(auc([0, 0, 1, 1], [-100, 4e5, 3e5, 1e9])).toBe(0.75);
  });

  it('should treat -0 and 0 as a tie when both appear', () => {
    expect(auc([0, 1], ['-0', '0'])).toBe(0.5);
  });

  it('should agree with the pairwise definition when 2000 rows have many ties', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const y = Array.from({ length: 2000 }, () => (random() < 0.3 ? 1 : 0));
    const p = y.map((label) => Math.round((random() + label * 0.3) * 20) / 20); // 21-ish distinct values
    expect(auc(y, p)).toBeCloseTo(bruteForceAuc(y, p), 14);
  });

  it('should fail with a clear message when the ground truth has one class', () => {
    expect(() => auc([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(ScoringFailure);
    expect(() => auc([0, 0], [0.2, 0.5])).toThrow('roc_auc is undefined when the ground truth of the scored rows has only one class');
  });

  it('should fail naming the row when the ground truth is not binary', () => {
    expect(() => auc([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(/^row 3 \(id "r3"\): the ground truth is not 0 or 1/);
  });

  it('should fail naming the row when a score is not finite', () => {
    expect(() => auc([0, 1], [0.1, 'NaN'])).toThrow('row 2 (id "r2"): prediction "NaN" is not a finite number');
  });
});
