import { CoalescingLoader } from './coalescing-loader';

/** A load the test settles by hand, counting how many started and how many run at once. */
class Loads {
  started = 0;
  running = 0;
  maxRunning = 0;
  private pending: Array<{ resolve: (value: number) => void; reject: (error: Error) => void }> = [];

  load = (): Promise<number> => {
    this.started += 1;
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    const n = this.started;
    return new Promise<number>((resolve, reject) => this.pending.push({ resolve: () => resolve(n), reject })).finally(() => (this.running -= 1));
  };

  async finish(): Promise<void> {
    this.pending.shift()?.resolve(0);
    await settle();
  }

  async fail(): Promise<void> {
    this.pending.shift()?.reject(new Error('down'));
    await settle();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingLoader', () => {
  let clock: number;
  let loads: Loads;
  let loader: CoalescingLoader<number>;

  beforeEach(() => {
    clock = 1_000_000;
    loads = new Loads();
    loader = new CoalescingLoader(loads.load, 1000, () => clock);
  });

  it('should load once when concurrent readers ask', async () => {
    const reads = Promise.all([loader.get(), loader.get(), loader.get()]);
    await loads.finish();
    expect(await reads).toEqual([1, 1, 1]);
    expect(loads.started).toBe(1);
  });

  it('should peek only at a settled value that get would serve at once', async () => {
    expect(loader.peek()).toBeUndefined();
    const first = loader.get();
    expect(loader.peek()).toBeUndefined();
    await loads.finish();
    await first;
    expect(loader.peek()).toBe(1);
    // Invalidated: the next readers must wait for a load that starts after the change.
    loader.invalidate();
    expect(loader.peek()).toBeUndefined();
    const second = loader.get();
    await loads.finish();
    await second;
    expect(loader.peek()).toBe(2);
    // Late in its life a peek reloads in the background; past it nothing is peeked.
    clock += 800;
    expect(loader.peek()).toBe(2);
    expect(loads.started).toBe(3);
    clock += 300;
    expect(loader.peek()).toBeUndefined();
    await loads.finish();
  });

  it('should tell the last value loaded, even once invalidated or old', async () => {
    expect(loader.lastLoaded()).toBeUndefined();
    const first = loader.get();
    await loads.finish();
    await first;
    loader.invalidate();
    clock += 5000;
    expect(loader.lastLoaded()).toBe(1);
    expect(loads.started).toBe(1);
  });

  it('should serve the loaded value without loading when it is fresh', async () => {
    const first = loader.get();
    await loads.finish();
    await first;
    clock += 500;
    expect(await loader.get()).toBe(1);
    expect(loads.started).toBe(1);
  });

  it('should wait for a new load when the value is older than its bound', async () => {
    const first = loader.get();
    await loads.finish();
    await first;
    clock += 1000;
    const second = loader.get();
    expect(loads.started).toBe(2);
    await loads.finish();
    expect(await second).toBe(2);
  });

  it('should reload in the background and serve the current value when read late in its life', async () => {
    const first = loader.get();
    await loads.finish();
    await first;
    clock += 800;
    expect(await loader.get()).toBe(1);
    expect(await loader.get()).toBe(1);
    expect(loads.started).toBe(2);
    await loads.finish();
    expect(await loader.get()).toBe(2);
  });

  it('should make the next reads wait for a load that starts after the change when invalidated', async () => {
    const first = loader.get();
    await loads.finish();
    await first;
    loader.invalidate();
    const next = loader.get();
    expect(loads.started).toBe(2);
    await loads.finish();
    expect(await next).toBe(2);
  });

  it('should not load when invalidated while nobody reads', async () => {
    const first = loader.get();
    await loads.finish();
    await first;
    loader.invalidate();
    loader.invalidate();
    await settle();
    expect(loads.started).toBe(1);
  });

  it('should run one more load after the one in flight, never two at once, when changes arrive during a load', async () => {
    const before = loader.get();
    for (let change = 0; change < 100; change += 1) loader.invalidate();
    const after = Promise.all([loader.get(), loader.get()]);
    expect(loads.started).toBe(1);
    await loads.finish();
    expect(await before).toBe(1);
    expect(loads.started).toBe(2);
    await loads.finish();
    expect(await after).toEqual([2, 2]);
    expect(loads.started).toBe(2);
    expect(loads.maxRunning).toBe(1);
  });

  it('should give readers that arrived before a change the load in flight when the change comes during it', async () => {
    const before = loader.get();
    loader.invalidate();
    await loads.finish();
    expect(await before).toBe(1);
    await loads.finish();
    expect(await loader.get()).toBe(2);
  });

  it('should fail only the waiters of a failed load and retry on the next read', async () => {
    const failed = loader.get();
    const failing = expect(failed).rejects.toThrow('down');
    await loads.fail();
    await failing;
    const retried = loader.get();
    expect(loads.started).toBe(2);
    await loads.finish();
    expect(await retried).toBe(2);
  });

  it('should keep serving the current value when a background reload fails', async () => {
    const first = loader.get();
    await loads.finish();
    await first;
    clock += 800;
    expect(await loader.get()).toBe(1);
    await loads.fail();
    expect(await loader.get()).toBe(1);
  });

  it('should answer the last value without waiting and reload it in the background when it was invalidated less than maxStale ago', async () => {
    const first = loader.get();
    await loads.finish();
    expect(await first).toBe(1);
    loader.invalidate();
    clock += 500;
    expect(await loader.recent(2000)).toBe(1);
    expect(loads.started).toBe(2);
    // A second reader while the refresh runs: still the last value, no third load.
    expect(await loader.recent(2000)).toBe(1);
    expect(loads.started).toBe(2);
    await loads.finish();
    expect(await loader.recent(2000)).toBe(2);
  });

  it('should wait for a new load when the last value is older than maxStale', async () => {
    const first = loader.get();
    await loads.finish();
    await first;
    clock += 2500;
    const next = loader.recent(2000);
    expect(loads.started).toBe(2);
    await loads.finish();
    expect(await next).toBe(2);
  });

  describe('with a minimum gap between loads', () => {
    beforeEach(() => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
      loader = new CoalescingLoader(loads.load, 1000, () => clock, 100);
    });
    afterEach(() => jest.useRealTimers());

    /** Moves the loader's clock and its timers together. */
    const advance = async (ms: number) => {
      clock += ms;
      jest.advanceTimersByTime(ms);
      await settle();
    };

    it('should start the load after a change no sooner than the gap after the previous start, for every reader until then', async () => {
      const first = loader.get();
      await loads.finish();
      expect(await first).toBe(1);
      await advance(10);
      loader.invalidate();
      const early = loader.get();
      await advance(40);
      loader.invalidate(); // a change while the load waits: it starts after it, so no load follows
      const late = loader.get();
      expect(loads.started).toBe(1);
      await advance(50);
      expect(loads.started).toBe(2);
      await loads.finish();
      expect(await early).toBe(2);
      expect(await late).toBe(2);
      await advance(200);
      expect(loads.started).toBe(2);
      expect(loads.maxRunning).toBe(1);
    });

    it('should hold a storm of changes to one load per gap, never two at once', async () => {
      const first = loader.get();
      await loads.finish();
      await first;
      for (let step = 0; step < 50; step += 1) {
        loader.invalidate();
        void loader.recent(2000).catch(() => undefined);
        if (loads.running > 0) await loads.finish();
        await advance(10);
      }
      // 500 ms of changes every 10 ms: the first load and at most one per 100 ms after it.
      expect(loads.started).toBeGreaterThanOrEqual(5);
      expect(loads.started).toBeLessThanOrEqual(6);
      expect(loads.maxRunning).toBe(1);
    });

    it('should start at once when the previous load started longer ago than the gap', async () => {
      const first = loader.get();
      await loads.finish();
      await first;
      await advance(150);
      loader.invalidate();
      void loader.get();
      expect(loads.started).toBe(2);
      await loads.finish();
    });

    it('should wait no longer than the gap when the clock stepped back since the last start', async () => {
      const first = loader.get();
      await loads.finish();
      await first;
      clock -= 3_600_000;
      loader.invalidate();
      const next = loader.get();
      await advance(100);
      expect(loads.started).toBe(2);
      await loads.finish();
      expect(await next).toBe(2);
    });
  });
});
