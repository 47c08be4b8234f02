import { createHash } from 'node:crypto';
import { FractionSplit } from './fraction-split';

describe('FractionSplit', () => {
  it('should follow the first 8 bytes of sha256(taskId:rowId) when splitting at 0.5', () => {
    // sha256("task-1:row-3") starts 66ba5a02 6f677469 → 0.4013 < 0.5 → public
    // sha256("task-1:a-17")  starts 8190dc3c 636ebbe2 → 0.5061 ≥ 0.5 → private, < 0.51 → public
    // sha256("task-1:row-1") starts e3f9bc59 4a03d063 → 0.8905 → private
    expect(createHash('sha256').update('task-1:row-3').digest('hex').slice(0, 16)).toBe('66ba5a026f677469');
    const half = new FractionSplit('task-1', 0.5);
    expect(['row-3', 'a-17', 'row-1'].map((id) => half.splitOf(id))).toEqual(['public', 'private', 'private']);
    expect(new FractionSplit('task-1', 0.51).splitOf('a-17')).toBe('public');
  });

  it('should give the same split when computed again', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    expect(ids.map((id) => new FractionSplit('t', 0.3).splitOf(id))).toEqual(ids.map((id) => new FractionSplit('t', 0.3).splitOf(id)));
  });

  it('should make a different split when the task differs', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    expect(ids.map((id) => new FractionSplit('t1', 0.3).splitOf(id))).not.toEqual(ids.map((id) => new FractionSplit('t2', 0.3).splitOf(id)));
  });

  it('should put about the fraction on the public side when there are many rows', () => {
    const split = new FractionSplit('task', 0.3);
    let publicRows = 0;
    for (let i = 0; i < 20_000; i++) if (split.splitOf(String(i)) === 'public') publicRows++;
    expect(publicRows / 20_000).toBeGreaterThan(0.29);
    expect(publicRows / 20_000).toBeLessThan(0.31);
  });

  it('should put no row public at 0 and every row public at 1', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `r${i}`);
    expect(ids.every((id) => new FractionSplit('t', 0).splitOf(id) === 'private')).toBe(true);
    expect(ids.every((id) => new FractionSplit('t', 1).splitOf(id) === 'public')).toBe(true);
  });

  it('should refuse a fraction outside 0..1', () => {
    expect(() => new FractionSplit('t', 1.5)).toThrow(RangeError);
    expect(() => new FractionSplit('t', Number.NaN)).toThrow(RangeError);
  });
});
