import { adoptPreopenedStream } from './board-stream.preopen';
import { requestBoardStream } from './board-stream.request';
import { SseMessage, SseParser } from './sse-parser';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface BoardStreamOptions {
  url: string;
  onMessage: (message: SseMessage) => void;
  onState: (state: StreamState, detail?: { status?: number; retryInMs?: number }) => void;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * A Server-Sent Events reader over fetch (EventSource can send neither the Authorization header nor, on the first
 * connect, Last-Event-ID): it resumes with the last id it saw, so the server skips a board the client already has.
 * After a network drop or the end of the stream it reconnects with exponential backoff (1 s doubling to 30 s, with
 * jitter, reset once a stream delivers); an answer of 4xx other than 429 stops it (the board is not visible).
 */
export function openBoardStream({ url, onMessage, onState }: BoardStreamOptions): () => void {
  const controller = new AbortController();
  let lastEventId = '';
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const retry = (retryAfterMs?: number) => {
    if (controller.signal.aborted) return;
    const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures);
    const delay = retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
    failures += 1;
    onState('reconnecting', { retryInMs: delay });
    timer = setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    onState(failures === 0 ? 'connecting' : 'reconnecting');
    let response: Response;
    try {
      // The first connect takes over the request the route's loader already sent, if any.
      const preopened = lastEventId ? null : adoptPreopenedStream(url, controller.signal);
      response = await (preopened ?? requestBoardStream(url, controller.signal, lastEventId));
    } catch {
      return retry();
    }
    if (!response.ok || !response.body) {
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status >= 400 && response.status < 500 && response.status !== 429) return onState('failed', { status: response.status });
      return retry(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    let reconnectNow = false;
    const parser = new SseParser((message) => {
      lastEventId = message.lastEventId;
      // The server ends a stream whose access token expired: reconnect at once (the fetch refreshes the token).
      if (message.event === 'reconnect') reconnectNow = true;
      else onMessage(message);
    });
    onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
        failures = 0;
      }
    } catch {
      // A dropped connection (or our own abort): handled below.
    } finally {
      reader.releaseLock();
    }
    if (controller.signal.aborted) return;
    if (reconnectNow) {
      failures = 0;
      void connect();
    } else retry();
  };

  void connect();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}
