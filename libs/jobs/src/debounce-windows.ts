// The run of a window starts this long after the window ends: strictly after every change made within it.
const GRACE_MS = 5;

/** The run of one window: its number (part of the job id) and the delay from now until just after it ends. */
export interface WindowRun {
  window: number;
  delayMs: number;
}

/**
 * Debounces changes per key into fixed windows of time: the first change of a key in a window queues one run, at the
 * window's end; the other changes of the window share it. A run queued for a window always starts after the window
 * (so after every change in it), which is why skipping the later adds loses nothing: the skipped change is read by a
 * run that has not started yet. The window is the same in every process (the clock's), so with a job id per window
 * several processes queue one run too. A failed add is not remembered: the next change of the window tries again.
 */
export class DebounceWindows {
  private readonly queued = new Map<string, { window: number; added: Promise<void> }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  queue(key: string, add: (run: WindowRun) => Promise<unknown>): Promise<void> {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const known = this.queued.get(key);
    if (known && known.window === window) return known.added;
    const added = add({ window, delayMs: (window + 1) * this.windowMs - now + GRACE_MS }).then(() => undefined);
    const entry = { window, added };
    this.queued.set(key, entry);
    added.catch(() => this.queued.get(key) === entry && this.queued.delete(key));
    return added;
  }
}
