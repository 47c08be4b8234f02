import { ConcurrencyLimiter } from './concurrency.limiter';

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
});
