/** An append-only list of doubles in one typed array that doubles its capacity: 8 bytes a value, no boxing. */
export class GrowableFloat64Array {
  private buffer = new Float64Array(1024);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.buffer.length) {
      const next = new Float64Array(this.buffer.length * 2);
      next.set(this.buffer);
      this.buffer = next;
    }
    this.buffer[this.size++] = value;
  }

  /** The values sorted ascending (a view; the list must not be pushed to afterwards). */
  sorted(): Float64Array {
    return this.buffer.subarray(0, this.size).sort();
  }
}
