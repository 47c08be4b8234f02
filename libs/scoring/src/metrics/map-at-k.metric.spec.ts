import { averagePrecisionAtK } from './map-at-k.metric';
import { createMetric } from './metric-registry';

function mapAtK(rows: Array<[string, string]>, k?: number): number {
  const metric = createMetric('map_at_k', { k });
  rows.forEach(([truth, prediction], i) => metric.add(truth, prediction, i + 1, `r${i + 1}`));
  return metric.finish();
}

const ap = (y: string, p: string, k: number) => averagePrecisionAtK(y.split(' ').filter(Boolean), p.split(' ').filter(Boolean), k);

describe('map_at_k', () => {
  it('should sum precision at each hit over min(|y|, k) when scoring one row', () => {
    // y = {a b c}, p = a x b, k 3: hit at 1 → 1/1, miss at 2, hit at 3 → 2/3; Σ = 5/3; / min(3, 3) = 5/9
    expect(ap('a b c', 'a x b', 3)).toBeCloseTo(5 / 9, 15);
  });

  it('should divide by k when y has more labels than k', () => {
    // y = {a b c d}, p = b a, k 2: 1/1 + 2/2 = 2; / min(4, 2) = 1
    expect(ap('a b c d', 'b a', 2)).toBe(1);
  });

  it('should ignore predictions past k', () => {
    // y = {z}, p = a b z, k 2: no hit in the first 2 → 0
    expect(ap('z', 'a b z', 2)).toBe(0);
    expect(ap('z', 'a b z', 3)).toBe(1 / 3);
  });

  it('should count a repeated prediction once while it still takes a position', () => {
    // y = {a b}, p = a a b, k 3: i=1 a → 1/1; i=2 a again → skipped; i=3 b → 2/3; Σ 5/3 / 2 = 5/6
    expect(ap('a b', 'a a b', 3)).toBeCloseTo(5 / 6, 15);
  });

  it('should give 0 for a row when its y is empty', () => {
    expect(ap('', 'a b c', 3)).toBe(0);
  });

  it('should average the rows when scoring a file, an empty y counting 0', () => {
    // row 1: y {a b c}, p "a x b" → 5/9 (as above);  row 2: y {} → 0;  row 3: y {q}, p "q" → 1
    // mean = (5/9 + 0 + 1) / 3 = 14/27 = 0.5185…
    const rows: Array<[string, string]> = [
      ['a b c', 'a x b'],
      ['', 'a'],
      ['q', 'q'],
    ];
    expect(mapAtK(rows, 3)).toBeCloseTo(14 / 27, 15);
  });

  it('should split on any whitespace when lists use several spaces or tabs', () => {
    expect(mapAtK([['a  b', ' b\ta ']], 10)).toBe(1);
  });

  it('should use k = 10 when the task sets none', () => {
    // y = {k}, p = 10 misses then k at position 11 → 0 with k 10
    const p = 'a b c d e f g h i j k';
    expect(mapAtK([['k', p]])).toBe(0);
    expect(mapAtK([['k', p]], 11)).toBe(1 / 11);
  });

  it('should refuse a k that is not a positive integer', () => {
    expect(() => createMetric('map_at_k', { k: 0 })).toThrow(RangeError);
    expect(() => createMetric('map_at_k', { k: 2.5 })).toThrow(RangeError);
  });
});
