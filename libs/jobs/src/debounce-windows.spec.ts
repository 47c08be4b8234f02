import { DebounceWindows, WindowRun } from './debounce-windows';

function setup() {
  let now = 1_000_000;
  const checks: Array<() => void> = [];
  const windows = new DebounceWindows(
    200,
    () => now,
    (check) => checks.push(check),
  );
  const runs: Array<WindowRun & { key: string }> = [];
  const stored = new Set<string>();
  const queue = (key: string, fail = false) =>
    windows.queue(key, {
      add: async (run) => {
        runs.push({ key, ...run });
        if (fail) throw new Error('redis is down');
        stored.add(`${key}_${run.window}`);
      },
      exists: async (run) => stored.has(`${key}_${run.window}`),
    });
  const runChecks = async () => {
    for (const check of checks.splice(0)) check();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { runs, queue, stored, runChecks, at: (ms: number) => (now = 1_000_000 + ms) };
}

describe('DebounceWindows', () => {
  it('should queue one run per key when changes fall in the same window', async () => {
    const { runs, queue, at } = setup();
    await Promise.all([queue('e1'), queue('e1'), queue('e2')]);
    at(150);
    await queue('e1');
    expect(runs.map((run) => run.key)).toEqual(['e1', 'e2']);
  });

  it('should start the run after the window ends when a change comes at any point of it', async () => {
    const { runs, queue, at } = setup();
    await queue('e1');
    at(199);
    await queue('e2');
    // Both changes are in the window [1 000 000, 1 000 200): the runs start just after it.
    expect(runs.map((run) => 1_000_000 + (run.key === 'e1' ? 0 : 199) + run.delayMs)).toEqual([1_000_250, 1_000_250]);
  });

  it('should queue another run when a change comes after the window of the queued one', async () => {
    const { runs, queue, at } = setup();
    await queue('e1');
    at(200);
    await queue('e1');
    expect(runs).toEqual([
      { key: 'e1', window: 5000, delayMs: 250 },
      { key: 'e1', window: 5001, delayMs: 250 },
    ]);
  });

  it('should try the add again when the previous add of the window failed', async () => {
    const { runs, queue } = setup();
    await expect(queue('e1', true)).rejects.toThrow('redis is down');
    await queue('e1');
    expect(runs).toHaveLength(2);
  });

  it('should queue a new run when the run of a window with skipped changes is gone (Redis flushed)', async () => {
    const { runs, queue, stored, runChecks, at } = setup();
    await queue('e1');
    stored.clear();
    at(50);
    await queue('e1');
    expect(runs).toHaveLength(1);
    at(400);
    await runChecks();
    expect(runs.map((run) => run.window)).toEqual([5000, 5002]);
  });

  it('should queue nothing more when the run of a window with skipped changes still exists', async () => {
    const { runs, queue, runChecks, at } = setup();
    await queue('e1');
    at(50);
    await queue('e1');
    await queue('e1');
    at(400);
    await runChecks();
    expect(runs).toHaveLength(1);
  });

  it('should check nothing when no change of the window was skipped', async () => {
    const { queue, runChecks, runs } = setup();
    await queue('e1');
    await runChecks();
    expect(runs).toHaveLength(1);
  });
});
