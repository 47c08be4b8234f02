interface Load<V> {
  /** The loaded value (a settled load), or the load in flight. */
  value: Promise<V>;
  /** `invalidate()`s before the load started: a later one makes it stale. */
  version: number;
  startedAt: number;
  /** True while the load waits out `minGapMs`: it will start after every reader and change until then. */
  waiting: boolean;
  /** Set once the load succeeded: what `peek` answers without waiting. */
  settled?: { value: V };
}

// The last quarter of a value's life: a read then also reloads it in the background, so readers never wait on age.
const REFRESH_AT = 0.75;

/**
 * One value shared by every reader of a hot path (e.g. an event's challenges), loaded at most once at a time.
 * A value is served while younger than `maxAgeMs` (from the start of its load: the staleness bound across
 * processes) and not invalidated since its load started. Readers of a stale value all wait on one load; an
 * invalidation during a load schedules one more load after it (never two in flight), so a storm of changes costs
 * one load after another, not one per change. With `minGapMs`, a load starts at least that long after the previous
 * one started (it waits out the rest, and covers every reader and change until it starts): a storm of changes then
 * costs at most one load per gap, however fast each load is. A failed load fails its waiters only; the next read retries.
 */
export class CoalescingLoader<V> {
  private version = 0;
  private loaded: Load<V> | null = null;
  private loading: Load<V> | null = null;
  private followUp: Promise<V> | null = null;
  private lastStart = -Infinity;

  constructor(
    private readonly load: () => Promise<V>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
    private readonly minGapMs = 0,
  ) {}

  get(): Promise<V> {
    const now = this.now();
    const loaded = this.loaded;
    if (loaded && this.current(loaded, now)) {
      if (!this.loading && now - loaded.startedAt >= this.maxAgeMs * REFRESH_AT) this.start().catch(() => undefined);
      return loaded.value;
    }
    if (this.loading && this.current(this.loading, now)) return this.loading.value;
    if (this.loading) return this.after(this.loading.value);
    return this.start();
  }

  /**
   * The value `get()` would answer at once, without a promise (a hot path that can answer synchronously), with the same
   * background reload late in its life; undefined when `get()` would have to wait for a load.
   */
  peek(): V | undefined {
    const now = this.now();
    const loaded = this.loaded;
    if (!loaded?.settled || !this.current(loaded, now)) return undefined;
    if (!this.loading && now - loaded.startedAt >= this.maxAgeMs * REFRESH_AT) this.start().catch(() => undefined);
    return loaded.settled.value;
  }

  /** The last value loaded, however old or invalidated (a load may answer it again when it finds the same). */
  lastLoaded(): V | undefined {
    return this.loaded?.settled?.value;
  }

  /**
   * The last loaded value when its load started less than `maxStaleMs` ago, even if invalidated since (readers that
   * can answer from slightly older facts never wait); a value no longer current is reloaded in the background.
   * Otherwise as `get()`.
   */
  recent(maxStaleMs: number): Promise<V> {
    const now = this.now();
    const loaded = this.loaded;
    if (!loaded || now - loaded.startedAt >= maxStaleMs) return this.get();
    if (!this.loading && (!this.current(loaded, now) || now - loaded.startedAt >= this.maxAgeMs * REFRESH_AT)) this.start().catch(() => undefined);
    return loaded.value;
  }

  /** What is served now was read before a change: the next reads wait for a load that starts after it. */
  invalidate(): void {
    this.version += 1;
    if (this.loading && !this.loading.waiting) this.after(this.loading.value).catch(() => undefined);
  }

  private current(load: Load<V>, now: number): boolean {
    return load.waiting || (load.version === this.version && now - load.startedAt < this.maxAgeMs);
  }

  private start(): Promise<V> {
    // Never more than the gap, even if the clock stepped back since the last start.
    const wait = Math.min(this.minGapMs, this.lastStart + this.minGapMs - this.now());
    const load = { version: this.version, startedAt: this.now(), waiting: wait > 0 } as Load<V>;
    const run = (): Promise<V> => {
      load.waiting = false;
      load.version = this.version;
      load.startedAt = this.lastStart = this.now();
      return this.load();
    };
    const loaded = load.waiting ? new Promise<void>((resolve) => setTimeout(resolve, wait)).then(run) : new Promise<V>((resolve) => resolve(run()));
    load.value = loaded.then(
      (value) => {
        load.settled = { value };
        this.settle(load, true);
        return value;
      },
      (error: unknown) => {
        this.settle(load, false);
        throw error;
      },
    );
    this.loading = load;
    return load.value;
  }

  private settle(load: Load<V>, succeeded: boolean): void {
    if (this.loading === load) this.loading = null;
    // A background refresh may end after a newer load: the newest start wins.
    if (succeeded && (!this.loaded || this.loaded.startedAt <= load.startedAt)) this.loaded = load;
  }

  /** The one load that follows `previous` (shared by every caller until it starts). */
  private after(previous: Promise<V>): Promise<V> {
    this.followUp ??= previous
      .catch(() => undefined)
      .then(() => {
        this.followUp = null;
        return this.get();
      });
    return this.followUp;
  }
}
