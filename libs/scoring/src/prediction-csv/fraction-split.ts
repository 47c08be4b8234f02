import { hash } from 'node:crypto';

/** The two boards of an AI task. */
export type Split = 'public' | 'private';

/**
 * The seeded split used when a task has `publicFraction` instead of a split column: a pure function of
 * (taskId, rowId), so re-reading the ground truth always gives the same split.
 *
 * Let u = the first 8 bytes of SHA-256 of the UTF-8 text `${taskId}:${rowId}`, read as an unsigned 64-bit
 * big-endian integer. The row is public iff u / 2^64 < publicFraction, evaluated exactly in integers as
 * u < ⌈publicFraction · 2^64⌉ (so 0 gives no public row and 1 makes every row public).
 */
export class FractionSplit {
  // ⌈fraction · 2^64⌉ as two 32-bit halves (the high half may be 2^32 when the fraction is 1).
  private readonly thresholdHigh: number;
  private readonly thresholdLow: number;

  constructor(
    private readonly taskId: string,
    publicFraction: number,
  ) {
    if (!(publicFraction >= 0 && publicFraction <= 1)) {
      throw new RangeError(`publicFraction must be between 0 and 1, got ${publicFraction}`);
    }
    const threshold = BigInt(Math.ceil(publicFraction * 2 ** 64)); // fraction · 2^64 is exact in a double
    this.thresholdHigh = Number(threshold >> 32n);
    this.thresholdLow = Number(threshold & 0xffffffffn);
  }

  /** The split of one ground-truth row. */
  splitOf(rowId: string): Split {
    const digest = hash('sha256', `${this.taskId}:${rowId}`, 'buffer');
    const high = digest.readUInt32BE(0);
    const low = digest.readUInt32BE(4);
    const isPublic = high < this.thresholdHigh || (high === this.thresholdHigh && low < this.thresholdLow);
    return isPublic ? 'public' : 'private';
  }
}
