import { PushThrottle, ThrottleClock } from './push-throttle';

/** A clock that moves only when told: timers fire in order of their due time, each at its due time. */
class FakeClock implements ThrottleClock {
  private time = 0;
  private nextId = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    this.nextId += 1;
    this.timers.set(this.nextId, { at: this.time + Math.max(0, ms), callback });
    return this.nextId;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (and letting the promises they start settle). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A push that records when it started and which state it read, and finishes when released (or at once). */
function recordingPush(clock: FakeClock, state: { version: number }, gated = false) {
  const runs: Array<{ at: number; version: number }> = [];
  const releases: Array<() => void> = [];
  let running = 0;
  let maxRunning = 0;
  const task = async () => {
    runs.push({ at: clock.now(), version: state.version });
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    if (gated) await new Promise<void>((resolve) => releases.push(resolve));
    running -= 1;
  };
  return { task, runs, release: () => releases.shift()?.(), maxRunning: () => maxRunning, running: () => running };
}

describe('PushThrottle', () => {
  const INTERVAL = 1000;

  /** A throttle over a recording push (gated: each run waits to be released) on a fake clock, and the state it reads. */
  const throttled = (gated = false, intervalMs = INTERVAL) => {
    const clock = new FakeClock();
    const state = { version: 1 };
    const push = recordingPush(clock, state, gated);
    return { clock, state, push, throttle: new PushThrottle(intervalMs, push.task, clock) };
  };

  it('should push at once when the first change comes after a quiet interval', async () => {
    const { clock, state, push, throttle } = throttled();
    throttle.trigger();
    expect(push.runs).toEqual([{ at: 0, version: 1 }]);
    await clock.advance(5000);
    state.version = 2;
    throttle.trigger();
    expect(push.runs).toEqual([
      { at: 0, version: 1 },
      { at: 5000, version: 2 },
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('should send the latest state once at the end of the interval when changes come during it', async () => {
    const { clock, state, push, throttle } = throttled();
    throttle.trigger();
    expect(throttle.idle).toBe(false);
    await settle();
    expect(throttle.idle).toBe(true);
    for (const at of [100, 400, 999]) {
      await clock.advance(at - clock.now());
      state.version += 1;
      throttle.trigger();
    }
    expect(push.runs).toHaveLength(1);
    await clock.advance(1000 - clock.now() - 1);
    expect(push.runs).toHaveLength(1);
    expect(throttle.idle).toBe(false);
    await clock.advance(1);
    expect(push.runs).toEqual([
      { at: 0, version: 1 },
      { at: 1000, version: 4 },
    ]);
    expect(throttle.idle).toBe(true);
    await clock.advance(10_000);
    expect(push.runs).toHaveLength(2);
  });

  it('should push again after a run when a change comes while it runs, never alongside it', async () => {
    const { clock, state, push, throttle } = throttled(true);
    throttle.trigger();
    // The run outlasts the interval (a slow Redis): the change during it waits for its end, not for a timer.
    await clock.advance(2500);
    state.version = 2;
    throttle.trigger();
    await clock.advance(500);
    expect(push.runs).toHaveLength(1);
    push.release();
    await settle();
    expect(push.runs).toEqual([
      { at: 0, version: 1 },
      { at: 3000, version: 2 },
    ]);
    push.release();
    await settle();
    expect(push.maxRunning()).toBe(1);
  });

  it('should keep pushing when a push fails', async () => {
    const clock = new FakeClock();
    const starts: number[] = [];
    const throttle = new PushThrottle(
      INTERVAL,
      () => {
        starts.push(clock.now());
        if (starts.length === 1) throw new Error('redis down');
        return Promise.reject(new Error('still down'));
      },
      clock,
    );
    throttle.trigger();
    throttle.trigger();
    await settle();
    await clock.advance(1000);
    throttle.trigger();
    await clock.advance(1000);
    expect(starts).toEqual([0, 1000, 2000]);
  });

  it('should start nothing more when stopped with a push pending', async () => {
    const { clock, push, throttle } = throttled();
    throttle.trigger();
    throttle.trigger();
    await settle();
    expect(clock.pendingTimers).toBe(1);
    throttle.stop();
    expect(clock.pendingTimers).toBe(0);
    throttle.trigger();
    await clock.advance(5000);
    expect(push.runs).toHaveLength(1);
  });

  it('should run the change waiting out its interval at once when flushed, and nothing after', async () => {
    const { clock, state, push, throttle } = throttled();
    throttle.trigger();
    await clock.advance(100);
    state.version = 2;
    throttle.trigger();
    await throttle.flush();
    expect(push.runs).toEqual([
      { at: 0, version: 1 },
      { at: 100, version: 2 },
    ]);
    expect(clock.pendingTimers).toBe(0);
    throttle.trigger();
    await clock.advance(5000);
    expect(push.runs).toHaveLength(2);
  });

  it('should wait for the run going when flushed, then run the change that came during it, once', async () => {
    const { state, push, throttle } = throttled(true);
    throttle.trigger();
    state.version = 2;
    throttle.trigger();
    let flushed = false;
    const flushing = throttle.flush().then(() => (flushed = true));
    await settle();
    expect(flushed).toBe(false);
    push.release();
    await settle();
    expect(push.runs.map((run) => run.version)).toEqual([1, 2]);
    expect(push.maxRunning()).toBe(1);
    push.release();
    await flushing;
    expect(push.runs).toHaveLength(2);
  });

  it('should run nothing when flushed with nothing waiting', async () => {
    const { push, throttle } = throttled();
    throttle.trigger();
    await throttle.flush();
    expect(push.runs).toHaveLength(1);
  });

  it('should push every change at once when the interval is 0 and pushes do not overlap', async () => {
    const { state, push, throttle } = throttled(false, 0);
    for (let version = 1; version <= 3; version += 1) {
      state.version = version;
      throttle.trigger();
      await settle();
    }
    expect(push.runs.map((run) => run.version)).toEqual([1, 2, 3]);
  });

  // A random storm of changes and slow pushes: the invariants hold whatever the order.
  it('should lose no change, push at most once per interval and never two at once when changes and pushes interleave at random', async () => {
    // mulberry32: the same sequence on every run.
    let seed = 12;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    for (let round = 0; round < 20; round += 1) {
      const clock = new FakeClock();
      const state = { version: 0 };
      const push = recordingPush(clock, state, true);
      const throttle = new PushThrottle(INTERVAL, push.task, clock);
      const changes: number[] = [];
      for (let step = 0; step < 60; step += 1) {
        const roll = random();
        if (roll < 0.5) {
          state.version += 1;
          changes.push(clock.now());
          throttle.trigger();
        } else if (roll < 0.8) push.release();
        await clock.advance(Math.floor(random() * 700));
      }
      // Quiet from here: every run finishes, every timer fires.
      for (let drain = 0; drain < 20; drain += 1) {
        push.release();
        await settle();
        await clock.advance(INTERVAL);
      }
      const starts = push.runs.map((run) => run.at);
      starts.slice(1).forEach((at, index) => expect(at - starts[index]).toBeGreaterThanOrEqual(INTERVAL));
      expect(push.maxRunning()).toBe(1);
      expect(push.running()).toBe(0);
      // The last change is followed by a push that read it.
      if (changes.length > 0) {
        expect(push.runs.at(-1)?.version).toBe(state.version);
        expect(push.runs.at(-1)?.at).toBeGreaterThanOrEqual(changes[changes.length - 1]);
      }
      // No more pushes than changes: quiet intervals cost nothing.
      expect(push.runs.length).toBeLessThanOrEqual(changes.length);
    }
  });
});
