interface Entry<V> {
  value: Promise<V>;
  /** Epoch ms after which the value is never served. */
  until: number;
  /** Epoch ms from which a read also starts reloading it in the background. */
  refreshAt: number;
  refreshing: boolean;
  /** Set once `value` resolved: what `peek` answers without waiting. */
  settled?: { value: V };
}

// The last quarter of an entry's life: a key still in use is reloaded ahead, so its readers do not wait on the load.
const REFRESH_AT = 0.75;

/**
 * A small in-process cache for hot read paths: entries live `ttlMs` from the start of their load, concurrent loads of
 * one key share a promise, and a failed load is not kept. A key read in the last quarter of its life is reloaded in
 * the background while readers keep the current value, so a hot key never stalls its readers when it expires.
 * Staleness across api instances is bounded by the TTL.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) {
      if (!hit.refreshing && now >= hit.refreshAt) this.refresh(key, hit, load, now);
      return hit.value;
    }
    const value = load();
    const entry = this.entry(value, now);
    this.entries.set(key, entry);
    value.then(
      (loaded) => (entry.settled = { value: loaded }),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /**
   * The value `get` would answer at once, without a promise (a hot path that can answer synchronously): undefined when
   * the key is not loaded, still loading, or expired. A key late in its life is reloaded in the background, as by `get`.
   */
  peek(key: string, load: () => Promise<V>): V | undefined {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (!hit?.settled || hit.until <= now) return undefined;
    if (!hit.refreshing && now >= hit.refreshAt) this.refresh(key, hit, load, now);
    return hit.settled.value;
  }

  /** Drops every key that starts with `prefix` (e.g. one event's entries); a reload already running is discarded. */
  dropPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private entry(value: Promise<V>, loadedFrom: number): Entry<V> {
    return { value, until: loadedFrom + this.ttlMs, refreshAt: loadedFrom + this.ttlMs * REFRESH_AT, refreshing: false };
  }

  /** Replaces `hit` with a fresh load once it succeeds, unless the key was dropped or replaced meanwhile. */
  private refresh(key: string, hit: Entry<V>, load: () => Promise<V>, now: number): void {
    hit.refreshing = true;
    const value = load();
    value.then(
      (loaded) => {
        if (this.entries.get(key) === hit) this.entries.set(key, { ...this.entry(value, now), settled: { value: loaded } });
      },
      () => {
        hit.refreshing = false;
      },
    );
  }
}
