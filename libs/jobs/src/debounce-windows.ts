// The run of a window starts this long after the window ends: strictly after every change made within it, as long as
// the clocks of the processes agree within it (same host, or NTP).
const GRACE_MS = 50;
// A window whose later changes were skipped is checked this long after its run was due: the run must exist.
const CHECK_AFTER_MS = 100;

/** The run of one window: its number (part of the job id) and the delay from now until just after it ends. */
export interface WindowRun {
  window: number;
  delayMs: number;
}

/** How a key's runs are queued, and how a queued one is found again (false: it is gone, e.g. Redis lost it). */
export interface WindowRunner {
  add(run: WindowRun): Promise<unknown>;
  exists(run: WindowRun): Promise<boolean>;
}

interface Queued {
  run: WindowRun;
  added: Promise<void>;
  checking: boolean;
}

/**
 * Debounces changes per key into fixed windows of time: the first change of a key in a window queues one run, at the
 * window's end; the other changes of the window share it. A run queued for a window always starts after the window
 * (so after every change in it), which is why skipping the later adds loses nothing: the skipped change is read by a
 * run that has not started yet. The window is the same in every process (the clock's), so with a job id per window
 * several processes queue one run too. A failed add is not remembered: the next change of the window tries again.
 * A window with skipped changes is checked after its run was due: when the run is gone (Redis flushed or restarted
 * meanwhile), a new one is queued, so a skipped change is never left without a run.
 */
export class DebounceWindows {
  private readonly queued = new Map<string, Queued>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly later: (check: () => void, ms: number) => void = (check, ms) => setTimeout(check, ms).unref(),
  ) {}

  queue(key: string, runner: WindowRunner): Promise<void> {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const known = this.queued.get(key);
    if (known && known.run.window === window) {
      this.checkLater(key, known, runner);
      return known.added;
    }
    const run = { window, delayMs: (window + 1) * this.windowMs - now + GRACE_MS };
    const entry: Queued = { run, added: runner.add(run).then(() => undefined), checking: false };
    this.queued.set(key, entry);
    entry.added.catch(() => this.queued.get(key) === entry && this.queued.delete(key));
    return entry.added;
  }

  private checkLater(key: string, entry: Queued, runner: WindowRunner): void {
    if (entry.checking) return;
    entry.checking = true;
    this.later(() => {
      void entry.added
        .then(() => runner.exists(entry.run))
        .then((exists) => (exists ? undefined : this.requeue(key, entry, runner)))
        .catch(() => this.requeue(key, entry, runner));
    }, entry.run.delayMs + CHECK_AFTER_MS);
  }

  private async requeue(key: string, entry: Queued, runner: WindowRunner): Promise<void> {
    if (this.queued.get(key) === entry) this.queued.delete(key);
    await this.queue(key, runner).catch(() => undefined);
  }
}
