import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('should load once when concurrent readers ask for the same key', async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('should load again when the entry expired', async () => {
    const cache = new TtlCache<number>(-1);
    let loads = 0;
    await cache.get('a', async () => ++loads);
    await cache.get('a', async () => ++loads);
    expect(loads).toBe(2);
  });

  it('should not keep a failed load', async () => {
    const cache = new TtlCache<number>(1000);
    await expect(cache.get('a', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('a', async () => 7)).toBe(7);
  });

  it('should drop the keys of a prefix when told', async () => {
    const cache = new TtlCache<number>(1000);
    await cache.get('e1:x', async () => 1);
    await cache.get('e2:x', async () => 2);
    cache.dropPrefix('e1:');
    expect(await cache.get('e1:x', async () => 3)).toBe(3);
    expect(await cache.get('e2:x', async () => 4)).toBe(2);
  });
});
