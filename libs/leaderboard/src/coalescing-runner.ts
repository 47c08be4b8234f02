const settled = () => undefined;

/** Per key: the last run (running or queued) and the one queued that has not started yet. */
interface Lane {
  tail: Promise<void>;
  queued: Promise<void> | null;
}

/**
 * Runs a task per key one at a time, coalescing: a call while a run is going queues exactly one more run, after it,
 * and the calls that come before that one starts share it. Each call resolves (or rejects) with a run that started
 * after the call, so whatever the caller changed before calling is seen by it.
 */
export class CoalescingRunner {
  private readonly lanes = new Map<string, Lane>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { tail: Promise.resolve(), queued: null };
      this.lanes.set(key, lane);
    }
    if (lane.queued) return lane.queued;
    const current = lane;
    const queued: Promise<void> = current.tail.then(() => {
      // Started: a call from now on needs a run after this one.
      if (current.queued === queued) current.queued = null;
      return task();
    });
    current.queued = queued;
    const tail = queued.then(settled, settled);
    current.tail = tail;
    void tail.then(() => current.tail === tail && this.lanes.get(key) === current && this.lanes.delete(key));
    return queued;
  }

  /** Keys with a run going or queued. */
  get busy(): number {
    return this.lanes.size;
  }
}
