import { CoalescingRunner } from './coalescing-runner';

/** A task whose runs are counted, and each of which waits until released. */
function gatedTask() {
  const releases: Array<() => void> = [];
  let running = 0;
  let maxRunning = 0;
  let runs = 0;
  const task = () => {
    runs += 1;
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<void>((resolve) => releases.push(() => ((running -= 1), resolve())));
  };
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { task, tick, release: () => releases.shift()?.(), stats: () => ({ runs, maxRunning }) };
}

describe('CoalescingRunner', () => {
  it('should run once more after the current run, never alongside it, when calls come during a run', async () => {
    const runner = new CoalescingRunner();
    const { task, tick, release, stats } = gatedTask();
    const first = runner.run('e1', task);
    await tick();
    const during = [runner.run('e1', task), runner.run('e1', task), runner.run('e1', task)];
    await tick();
    expect(stats()).toEqual({ runs: 1, maxRunning: 1 });
    release();
    await first;
    await tick();
    expect(stats()).toEqual({ runs: 2, maxRunning: 1 });
    release();
    await Promise.all(during);
    expect(stats()).toEqual({ runs: 2, maxRunning: 1 });
    expect(runner.busy).toBe(0);
  });

  it('should queue a new run when a call comes after the queued run started', async () => {
    const runner = new CoalescingRunner();
    const { task, tick, release, stats } = gatedTask();
    void runner.run('e1', task);
    await tick();
    const second = runner.run('e1', task);
    release();
    await tick();
    // The second run is going: this call cannot share it (it may have read before the caller's change).
    const third = runner.run('e1', task);
    release();
    await second;
    await tick();
    release();
    await third;
    expect(stats()).toEqual({ runs: 3, maxRunning: 1 });
  });

  it('should run different keys side by side when both are called', async () => {
    const runner = new CoalescingRunner();
    const { task, tick, release, stats } = gatedTask();
    const both = [runner.run('e1', task), runner.run('e2', task)];
    await tick();
    expect(stats()).toEqual({ runs: 2, maxRunning: 2 });
    release();
    release();
    await Promise.all(both);
  });

  it('should reject only the calls sharing a failed run and keep running later ones when a run fails', async () => {
    const runner = new CoalescingRunner();
    await expect(runner.run('e1', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    let ran = false;
    await runner.run('e1', async () => void (ran = true));
    expect(ran).toBe(true);
  });
});
