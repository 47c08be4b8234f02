import { StreamSink, StreamWriter } from './stream-writer';

/** A socket whose client reads only when told: writes pile up in `writableLength` until `read()`. */
class FakeSink implements StreamSink {
  writableLength = 0;
  destroyed = false;
  readonly written: string[] = [];
  private needDrain = false;
  private readonly drainListeners: Array<() => void> = [];

  constructor(private readonly highWaterMark = 16) {}

  get writableNeedDrain(): boolean {
    return !this.destroyed && this.needDrain;
  }

  write(chunk: string | Buffer): boolean {
    this.written.push(chunk.toString());
    this.writableLength += chunk.length;
    if (this.writableLength >= this.highWaterMark) this.needDrain = true;
    return !this.needDrain;
  }

  /** The client reads everything sent: the socket drains. */
  read(): void {
    this.writableLength = 0;
    if (!this.needDrain) return;
    this.needDrain = false;
    for (const listener of this.drainListeners) listener();
  }

  destroy(): void {
    this.destroyed = true;
  }

  on(_event: 'drain', listener: () => void): unknown {
    this.drainListeners.push(listener);
    return this;
  }
}

const board = (name: string) => Buffer.from(`event: leaderboard\ndata: ${name.padEnd(40, '.')}\n\n`);
const names = (sink: FakeSink) => sink.written.map((text) => text.match(/data: (\w+)/)?.[1] ?? text);

function setup(limits = { maxUnreadBytes: 1000, stallMs: 60_000 }) {
  const sink = new FakeSink();
  let time = 0;
  const drops: Array<{ unread: number; why: string }> = [];
  const writer = new StreamWriter(
    sink,
    limits,
    (unread, why) => drops.push({ unread, why }),
    () => time,
  );
  return { sink, writer, drops, at: (ms: number) => void (time = ms) };
}

describe('StreamWriter', () => {
  it('should write every board at once when the client keeps up', () => {
    const { sink, writer } = setup();
    for (const name of ['v1', 'v2', 'v3']) {
      writer.board(board(name));
      sink.read();
    }
    expect(names(sink)).toEqual(['v1', 'v2', 'v3']);
  });

  it('should hold back only the latest board while the socket has not drained, and write it at the drain', () => {
    const { sink, writer } = setup();
    writer.board(board('v1'));
    writer.board(board('v2'));
    writer.board(board('v3'));
    expect(names(sink)).toEqual(['v1']);
    expect(writer.holding).toBe(true);
    sink.read();
    expect(names(sink)).toEqual(['v1', 'v3']);
    expect(writer.holding).toBe(false);
    sink.read();
    expect(names(sink)).toEqual(['v1', 'v3']);
  });

  it('should write other messages at once when a board is held back', () => {
    const { sink, writer } = setup();
    writer.board(board('v1'));
    writer.board(board('v2'));
    writer.message('event: announcement\ndata: {}\n\n');
    expect(sink.written).toHaveLength(2);
    sink.read();
    expect(names(sink)).toEqual(['v1', 'event: announcement\ndata: {}\n\n', 'v2']);
  });

  it('should keep at most one board in the api for a client that never reads, and not drop it for that', () => {
    const { sink, writer, drops } = setup();
    for (let version = 1; version <= 1000; version += 1) writer.board(board(`v${version}`));
    expect(sink.writableLength).toBe(board('v1').length);
    expect(drops).toEqual([]);
    sink.read();
    expect(names(sink)).toEqual(['v1', 'v1000']);
  });

  it('should drop a client when it has read nothing for stallMs', () => {
    const { sink, writer, drops, at } = setup();
    writer.board(board('v1'));
    at(59_999);
    writer.checkStall();
    expect(sink.destroyed).toBe(false);
    at(60_000);
    writer.checkStall();
    expect(sink.destroyed).toBe(true);
    expect(drops).toEqual([{ unread: board('v1').length, why: 'read nothing for 60 s' }]);
    writer.board(board('v2'));
    writer.message(': heartbeat\n\n');
    expect(names(sink)).toEqual(['v1']);
  });

  it('should count a stall from the last write the socket did not take when the client reads slowly', () => {
    const { sink, writer, at } = setup();
    writer.board(board('v1'));
    at(30_000);
    sink.read();
    at(40_000);
    writer.board(board('v2'));
    at(70_000);
    writer.checkStall();
    expect(sink.destroyed).toBe(false);
    at(100_000);
    writer.checkStall();
    expect(sink.destroyed).toBe(true);
  });

  it('should drop a client when what it has not read passes maxUnreadBytes', () => {
    const { sink, writer, drops } = setup({ maxUnreadBytes: 100, stallMs: 60_000 });
    for (let index = 0; index < 10 && !sink.destroyed; index += 1) writer.message(`event: announcement\ndata: ${index}\n\n`);
    expect(sink.destroyed).toBe(true);
    expect(drops).toHaveLength(1);
    expect(drops[0].unread).toBeGreaterThan(100);
  });

  it('should write nothing more when closed with a board held back', () => {
    const { sink, writer } = setup();
    writer.board(board('v1'));
    writer.board(board('v2'));
    writer.close();
    sink.read();
    expect(names(sink)).toEqual(['v1']);
  });
});
