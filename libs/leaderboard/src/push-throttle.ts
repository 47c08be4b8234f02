/** The time a throttle runs on: the system's in production, a fake one in its spec. */
export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs a task at most once per interval and never twice at once. The first call after a quiet interval runs it at
 * once (leading edge); calls during the interval or during a run are folded into one more run when both are over
 * (trailing edge). That run starts after every call it answers, so a task that reads the latest state never leaves
 * the last state unsent.
 */
export class PushThrottle {
  private lastStart = -Infinity;
  private running = false;
  private pending = false;
  private timer: unknown = null;
  private stopped = false;
  /** The run going, settled when it ends. */
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly clock: ThrottleClock = systemClock,
  ) {}

  /** No run going and none waiting: nothing is pushed until the next trigger. */
  get idle(): boolean {
    return !this.running && !this.pending;
  }

  /** Something changed: run now if the interval allows, otherwise once at its end. */
  trigger(): void {
    if (this.stopped) return;
    this.pending = true;
    this.schedule();
  }

  /** No run starts from now on (the audience is gone); a run going finishes. */
  stop(): void {
    this.stopped = true;
    this.pending = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Stops, but first runs what is waiting (shutdown): waits for the run going, then, when a call came after it started
   * (or during the interval), runs once more at once. Resolves when that is done; a failing run ends it too.
   */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.stop();
    await this.current;
    if (pending) await new Promise<void>((resolve) => resolve(this.task())).catch(() => undefined);
  }

  private schedule(): void {
    if (!this.pending || this.running || this.timer !== null || this.stopped) return;
    const now = this.clock.now();
    const wait = this.lastStart + this.intervalMs - now;
    if (wait > 0) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.schedule();
      }, wait);
      return;
    }
    this.pending = false;
    this.running = true;
    this.lastStart = now;
    const done = () => {
      this.running = false;
      this.schedule();
    };
    // Started now (the executor runs at once); a task that throws before its first await still ends its run.
    this.current = new Promise<void>((resolve) => resolve(this.task())).then(done, done);
  }
}
