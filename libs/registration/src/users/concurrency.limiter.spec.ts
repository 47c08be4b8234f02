import { ConcurrencyLimiter, LimiterFullError } from './concurrency.limiter';

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('ConcurrencyLimiter', () => {
  it('should run at most the limit at once and start the others in arrival order when many tasks arrive', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (index: number) => async () => {
      started.push(index);
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
      return index;
    };
    const results = await Promise.all(Array.from({ length: 7 }, (_, index) => limiter.run(task(index))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('should free the slot for the next task when a task fails', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const failing = limiter.run(async () => {
      await tick();
      throw new Error('out of memory');
    });
    const next = limiter.run(async () => 'ran');
    await expect(failing).rejects.toThrow('out of memory');
    await expect(next).resolves.toBe('ran');
    await expect(limiter.run(async () => 'again')).resolves.toBe('again');
  });

  it('should refuse a task at once without running it when the slots are busy and the waiting list is full', async () => {
    const limiter = new ConcurrencyLimiter(1, 2);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    const task = (name: string) => async () => {
      ran.push(name);
      await gate;
      return name;
    };
    const admitted = ['running', 'first-waiter', 'second-waiter'].map((name) => limiter.run(task(name)));
    await expect(limiter.run(task('refused'))).rejects.toBeInstanceOf(LimiterFullError);
    release();
    await expect(Promise.all(admitted)).resolves.toEqual(['running', 'first-waiter', 'second-waiter']);
    expect(ran).not.toContain('refused');
  });

  it('should take waiters again when the waiting list drained after being full', async () => {
    const limiter = new ConcurrencyLimiter(1, 1);
    const first = limiter.run(tick);
    const second = limiter.run(tick);
    await expect(limiter.run(tick)).rejects.toBeInstanceOf(LimiterFullError);
    await Promise.all([first, second]);
    await expect(Promise.all([limiter.run(async () => 'a'), limiter.run(async () => 'b')])).resolves.toEqual(['a', 'b']);
  });

  it('should refuse every task that cannot start at once when the waiting list holds 0', async () => {
    const limiter = new ConcurrencyLimiter(1, 0);
    const running = limiter.run(tick);
    await expect(limiter.run(async () => 'queued')).rejects.toBeInstanceOf(LimiterFullError);
    await running;
    await expect(limiter.run(async () => 'free')).resolves.toBe('free');
  });
});
