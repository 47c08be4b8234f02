/** What a stream writes to: the HTTP response in production, a fake in the spec. */
export interface StreamSink {
  write(chunk: string | Buffer): boolean;
  /** Bytes written and not yet taken by the socket (the api's memory, not the kernel's). */
  readonly writableLength: number;
  /** True from a write that found the socket's buffer full until its `drain`. */
  readonly writableNeedDrain: boolean;
  destroy(): void;
  on(event: 'drain', listener: () => void): unknown;
}

export interface StreamWriterLimits {
  /** A client with more than this unread in the api is dropped. */
  maxUnreadBytes: number;
  /** A client whose socket has not drained for this long (it reads nothing) is dropped at the next check. */
  stallMs: number;
}

/**
 * One stream's writes, with bounded buffering. Boards are latest-wins: while the socket has not drained, a new board
 * replaces the one held back, which is written at the drain. A slow reader so costs the api at most one board past
 * the socket's high-water mark, and gets the latest board when it catches up instead of every one it missed. Other
 * messages (announcements, submission updates, heartbeats) are small and written at once.
 */
export class StreamWriter {
  private held: Buffer | null = null;
  private blockedSince: number | null = null;
  private closed = false;

  constructor(
    private readonly sink: StreamSink,
    private readonly limits: StreamWriterLimits,
    private readonly onDrop: (unreadBytes: number, why: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    sink.on('drain', () => this.drained());
  }

  /** True while a board waits for the socket to drain. */
  get holding(): boolean {
    return this.held !== null;
  }

  get unreadBytes(): number {
    return this.sink.writableLength;
  }

  board(bytes: Buffer): void {
    if (this.closed) return;
    if (this.sink.writableNeedDrain) this.held = bytes;
    else this.write(bytes);
  }

  message(text: string | Buffer): void {
    if (!this.closed) this.write(text);
  }

  /** Drops the client when it has read nothing for `stallMs` (called with the heartbeat). */
  checkStall(): void {
    if (!this.closed && this.blockedSince !== null && this.now() - this.blockedSince >= this.limits.stallMs) {
      this.drop(`read nothing for ${Math.round((this.now() - this.blockedSince) / 1000)} s`);
    }
  }

  close(): void {
    this.closed = true;
    this.held = null;
  }

  private write(chunk: string | Buffer): void {
    this.sink.write(chunk);
    if (this.sink.writableLength > this.limits.maxUnreadBytes) return this.drop('too far behind');
    if (this.sink.writableNeedDrain) this.blockedSince ??= this.now();
  }

  private drained(): void {
    this.blockedSince = null;
    const held = this.held;
    this.held = null;
    if (held && !this.closed) this.write(held);
  }

  private drop(why: string): void {
    const unread = this.sink.writableLength;
    this.close();
    this.sink.destroy();
    this.onDrop(unread, why);
  }
}
