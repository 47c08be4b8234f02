/** Thrown by ConcurrencyLimiter.run when every slot is taken and the waiting list is full: the task never ran. */
export class LimiterFullError extends Error {
  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {
    super(`all ${limit} slots are busy and ${maxWaiting} tasks already wait`);
    this.name = LimiterFullError.name;
  }
}

/**
 * Runs at most `limit` tasks at once; up to `maxWaiting` others wait in arrival order, and any more are refused at
 * once (LimiterFullError) rather than made to wait without end behind a flood.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running += 1;
    else if (this.waiting.length >= this.maxWaiting) throw new LimiterFullError(this.limit, this.maxWaiting);
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
