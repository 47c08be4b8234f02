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

describe('TtlCache refresh ahead', () => {
  const now = Date.parse('2026-11-27T09:00:00Z');
  let clock: jest.SpyInstance<number, []>;
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    clock = jest.spyOn(Date, 'now').mockReturnValue(now);
  });

  afterEach(() => {
    clock.mockRestore();
  });

  it('should serve the current value while reloading a key read in the last quarter of its life', async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    clock.mockReturnValue(now + 700);
    expect(await cache.get('a', load)).toBe(1);
    expect(loads).toBe(1);
    clock.mockReturnValue(now + 800);
    // Readers during the reload get the current value, and start no second reload.
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    expect(loads).toBe(2);
    await settle();
    expect(await cache.get('a', load)).toBe(2);
    // The reloaded value lives from the start of its load, and is reloaded ahead in turn.
    clock.mockReturnValue(now + 1799);
    expect(await cache.get('a', load)).toBe(2);
    expect(loads).toBe(3);
  });

  it('should never serve a value past its life when nobody read it in time', async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    clock.mockReturnValue(now + 1000);
    expect(await cache.get('a', load)).toBe(2);
  });

  it('should keep the current value when a reload fails, and try again on the next read', async () => {
    const cache = new TtlCache<number>(1000);
    await cache.get('a', async () => 1);
    clock.mockReturnValue(now + 900);
    expect(await cache.get('a', async () => Promise.reject(new Error('down')))).toBe(1);
    await settle();
    expect(await cache.get('a', async () => 5)).toBe(1);
    await settle();
    expect(await cache.get('a', async () => 6)).toBe(5);
  });

  it('should discard a reload that was running when its key was dropped', async () => {
    const cache = new TtlCache<number>(1000);
    await cache.get('e1:a', async () => 1);
    clock.mockReturnValue(now + 900);
    let finish: (value: number) => void = () => undefined;
    expect(await cache.get('e1:a', () => new Promise<number>((resolve) => (finish = resolve)))).toBe(1);
    cache.dropPrefix('e1:');
    expect(await cache.get('e1:a', async () => 3)).toBe(3);
    finish(2);
    await settle();
    expect(await cache.get('e1:a', async () => 4)).toBe(3);
  });

  it('should peek only at a loaded, live value, and reload it ahead as get does', async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(cache.peek('a', load)).toBeUndefined();
    expect(loads).toBe(0);
    const first = cache.get('a', load);
    // Still loading: nothing to answer synchronously.
    expect(cache.peek('a', load)).toBeUndefined();
    await first;
    expect(cache.peek('a', load)).toBe(1);
    clock.mockReturnValue(now + 800);
    expect(cache.peek('a', load)).toBe(1);
    expect(loads).toBe(2);
    await settle();
    expect(cache.peek('a', load)).toBe(2);
    clock.mockReturnValue(now + 1800);
    expect(cache.peek('a', load)).toBeUndefined();
    cache.dropPrefix('a');
    clock.mockReturnValue(now + 900);
    expect(cache.peek('a', load)).toBeUndefined();
  });

  it('should not peek at a failed load', async () => {
    const cache = new TtlCache<number>(1000);
    await expect(cache.get('a', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.peek('a', async () => 1)).toBeUndefined();
  });
});
