/** One dispatched Server-Sent Events message. */
export interface SseMessage {
  event: string;
  data: string;
  /** The last `id:` seen on the stream so far (it carries over to later messages, as in the HTML spec). */
  lastEventId: string;
}

// A line longer than this without a newline is not an SSE stream we know: the reader gives up rather than buffer it.
const MAX_PENDING_CHARS = 16 * 1024 * 1024;

/**
 * The HTML spec's event-stream parser, fed text chunks as they arrive: `id:`, `event:`, `data:` fields and `:` comments
 * (heartbeats). Only the unfinished last line is kept between chunks.
 */
export class SseParser {
  private pending = '';
  private data: string[] = [];
  private event = '';
  lastEventId = '';

  constructor(private readonly dispatch: (message: SseMessage) => void) {}

  push(chunk: string): void {
    this.pending += chunk;
    let start = 0;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.pending.slice(start));
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (match[0] === '\r' && start + match.index === this.pending.length - 1) break;
      this.line(this.pending.slice(start, start + match.index));
      start += match.index + match[0].length;
    }
    this.pending = this.pending.slice(start);
    if (this.pending.length > MAX_PENDING_CHARS) throw new Error('event stream line too long');
  }

  private line(line: string): void {
    if (line === '') return this.flush();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
  }

  private flush(): void {
    const event = this.event || 'message';
    this.event = '';
    if (this.data.length === 0) return;
    const data = this.data.join('\n');
    this.data = [];
    this.dispatch({ event, data, lastEventId: this.lastEventId });
  }
}
