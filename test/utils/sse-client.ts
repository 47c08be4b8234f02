import { ClientRequest, get, IncomingMessage } from 'http';
import { AddressInfo } from 'net';
import { TestApp } from './test-app';

/** One dispatched Server-Sent Events message. */
export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
  receivedAt: number;
}

export interface SseOptions {
  headers?: Record<string, string>;
  /** Never read: the socket is paused from the first byte on, so the server's writes pile up. */
  slow?: boolean;
  /** How long the status line may take (a server that holds its headers back fails here). */
  timeoutMs?: number;
}

const listening = new WeakMap<TestApp, Promise<string>>();

/** Where the app listens (it is made to listen on a free loopback port the first time, once). */
export function baseUrl(app: TestApp): Promise<string> {
  let url = listening.get(app);
  if (!url) {
    url = (async () => {
      const server = app.app.getHttpServer();
      if (!server.listening) await app.app.listen(0, '127.0.0.1');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    })();
    listening.set(app, url);
  }
  return url;
}

/**
 * A small EventSource over `http.get`: parses `id:`, `event:`, `data:` fields and `:` comments (heartbeats) per the
 * HTML spec, keeps every frame, and lets a test wait for the next board.
 */
export class SseClient {
  readonly frames: SseFrame[] = [];
  comments = 0;
  bytes = 0;
  closed = false;
  body = '';
  private buffer = '';
  private pending: Partial<Pick<SseFrame, 'id' | 'event'>> & { data?: string[] } = {};
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly request: ClientRequest,
    readonly response: IncomingMessage,
  ) {}

  /** Opens the stream; resolves once the status line arrived (read `status`/`body` for refusals). */
  static open(url: string, options: SseOptions = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = get(url, { headers: { Accept: 'text/event-stream', ...options.headers } });
      const timeoutMs = options.timeoutMs ?? 5000;
      const timer = setTimeout(() => {
        request.destroy();
        reject(new Error(`no response headers from ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      request.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.once('response', (response) => {
        clearTimeout(timer);
        const client = new SseClient(request, response);
        if (options.slow) response.pause();
        response.on('data', (chunk: Buffer) => client.feed(chunk));
        response.on('close', () => client.finish());
        response.on('error', () => client.finish());
        request.on('error', () => client.finish());
        resolve(client);
      });
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** The parsed JSON of every `event: leaderboard` frame so far. */
  get boards(): any[] {
    return this.frames.filter((frame) => frame.event === 'leaderboard').map((frame) => JSON.parse(frame.data));
  }

  /** Resolves with the first board at index ≥ `from` that satisfies `predicate` (fails after `timeoutMs`). */
  async board(predicate: (board: any) => boolean = () => true, from = 0, timeoutMs = 10_000): Promise<any> {
    return this.until(() => this.boards.slice(from).find(predicate), timeoutMs, 'a matching board');
  }

  /** The next board after the ones received so far. */
  next(timeoutMs = 10_000): Promise<any> {
    return this.board(() => true, this.boards.length, timeoutMs);
  }

  /** Waits until the server closed the stream. */
  async ended(timeoutMs = 10_000): Promise<void> {
    await this.until(() => (this.closed ? true : undefined), timeoutMs, 'the stream to close');
  }

  /** Reads again (a slow client catching up: it then sees what the server sent before it closed). */
  resume(): void {
    this.response.resume();
  }

  close(): void {
    this.request.destroy();
    this.finish();
  }

  private until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return false;
        clearTimeout(timer);
        this.waiters.delete(attempt);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(attempt);
        reject(new Error(`waited ${timeoutMs} ms for ${what}; got ${this.frames.length} frames, closed=${this.closed}`));
      }, timeoutMs);
      if (!attempt()) this.waiters.add(attempt);
    });
  }

  private feed(chunk: Buffer): void {
    this.bytes += chunk.length;
    const text = chunk.toString('utf8');
    if (this.status !== 200) {
      this.body += text;
      return;
    }
    this.buffer += text;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
    this.wake();
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.comments += 1;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') (this.pending.data ??= []).push(value);
    else if (field === 'id') this.pending.id = value;
    else if (field === 'event') this.pending.event = value;
  }

  private dispatch(): void {
    const { id, event, data } = this.pending;
    this.pending = {};
    if (data === undefined) return;
    this.frames.push({ id: id ?? null, event: event ?? 'message', data: data.join('\n'), receivedAt: Date.now() });
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Opens streams of one app and closes them all at the end of a test (open SSE connections would hold the app's close). */
export class SseClients {
  private readonly open: SseClient[] = [];

  constructor(private readonly app: TestApp) {}

  async connect(path: string, options: SseOptions = {}): Promise<SseClient> {
    const client = await SseClient.open(`${await baseUrl(this.app)}${path}`, options);
    this.open.push(client);
    return client;
  }

  closeAll(): void {
    for (const client of this.open.splice(0)) client.close();
  }
}
