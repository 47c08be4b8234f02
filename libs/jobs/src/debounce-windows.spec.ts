import { DebounceWindows, WindowRun } from './debounce-windows';

function setup() {
  let now = 1_000_000;
  const windows = new DebounceWindows(200, () => now);
  const runs: Array<WindowRun & { key: string }> = [];
  const queue = (key: string, fail = false) =>
    windows.queue(key, async (run) => {
      runs.push({ key, ...run });
      if (fail) throw new Error('redis is down');
    });
  return { runs, queue, at: (ms: number) => (now = 1_000_000 + ms) };
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
    expect(runs.map((run) => 1_000_000 + (run.key === 'e1' ? 0 : 199) + run.delayMs)).toEqual([1_000_205, 1_000_205]);
  });

  it('should queue another run when a change comes after the window of the queued one', async () => {
    const { runs, queue, at } = setup();
    await queue('e1');
    at(200);
    await queue('e1');
    expect(runs).toEqual([
      { key: 'e1', window: 5000, delayMs: 205 },
      { key: 'e1', window: 5001, delayMs: 205 },
    ]);
  });

  it('should try the add again when the previous add of the window failed', async () => {
    const { runs, queue } = setup();
    await expect(queue('e1', true)).rejects.toThrow('redis is down');
    await queue('e1');
    expect(runs).toHaveLength(2);
  });
});
