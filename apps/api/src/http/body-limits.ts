import { ArenaError, ErrorKind } from '@arena/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage } from 'http';
import { Readable, Transform } from 'stream';

/** The error code of a body over its route's limit (413). */
export const BODY_TOO_LARGE = 'body-too-large';

export interface BodyLimitOptions {
  /** The JSON body limit (fastify's bodyLimit) where a route sets none. */
  limitBytes: number;
  /** Most bytes of an unread body read and discarded so the answer can keep the connection (nginx's lingering close). */
  drainBytes: number;
  /** Longest wait for the rest of an unread body; a slower client gets the answer with `Connection: close`. */
  drainMs: number;
}

// fastify's own check would answer "Request body is too large" and close the socket while the client still writes
// (EPIPE, a "network error" in a browser); this error names the limit and the connection is kept.
function tooLarge(limit: number): ArenaError {
  const error = new ArenaError(ErrorKind.TooLarge, BODY_TOO_LARGE, `request body is larger than the limit of ${limit} bytes (${describeBytes(limit)})`);
  // fastify's body reader keeps an error's statusCode (it would make it a 400 otherwise).
  return Object.assign(error, { statusCode: 413 });
}

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;
}

// Counts the body as it streams to fastify's parser; past the limit it fails with the named error and reads no further
// (the rest is discarded when the answer is sent).
function meter(payload: Readable, limit: number): Transform {
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > limit ? tooLarge(limit) : null, seen > limit ? undefined : chunk);
    },
  });
  payload.on('error', (error) => counted.destroy(error));
  return payload.pipe(counted);
}

/** Reads and discards what is left of a request's body; true when it ended within the bounds. */
export function drainBody(raw: IncomingMessage, maxBytes: number, maxMs: number): Promise<boolean> {
  if (raw.complete) return Promise.resolve(true);
  const declared = Number(raw.headers['content-length']);
  if (raw.destroyed || declared > maxBytes) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', onEnd).off('close', onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(raw.complete);
    const timer = setTimeout(() => finish(false), maxMs);
    // Whoever was reading (the meter, a multipart parser) no longer is: their back-pressure would stall the drain.
    raw.unpipe();
    raw.on('data', onData).once('end', onEnd).once('close', onClose);
    raw.resume();
  });
}

/**
 * Over-limit and unread bodies answered without cutting the client off: a JSON body past its limit is a 413 naming the
 * limit, and any answer sent before the request's body was read (413, 401, 429 on an upload) first reads and discards
 * the rest, up to `drainBytes` and `drainMs`, so the client sees the answer and the keep-alive connection stays usable.
 * Past those bounds the answer goes out with `Connection: close`: a slow or endless upload cannot hold a socket.
 */
export function registerBodyLimits(instance: FastifyInstance, options: BodyLimitOptions): void {
  instance.addHook('preParsing', (request: FastifyRequest, _reply: FastifyReply, payload: Readable, done: (error: Error | null, payload?: Readable) => void) => {
    // Multipart uploads are streamed by their handlers against their own per-kind limits.
    if (request.headers['content-type']?.toLowerCase().startsWith('multipart/')) return done(null, payload);
    const limit = request.routeOptions.bodyLimit ?? options.limitBytes;
    if (Number(request.headers['content-length']) > limit) return done(tooLarge(limit));
    done(null, meter(payload, limit));
  });
  // Synchronous unless there is a body left to read: this runs for every answer, the hot reads' too (answered as the
  // request arrives, before node has marked even a bodyless request complete). The drain's promise goes back to
  // fastify, which settles it (and any error of the send that follows) as it does an async hook's.
  instance.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void) => {
    const raw = request.raw;
    if (raw.complete || !declaresBody(raw)) return done(null, payload);
    return drainBody(raw, options.drainBytes, options.drainMs).then((drained) => {
      if (drained) {
        // fastify asks to close after a body it refused; read to its end, the connection is fine to keep.
        if (String(reply.getHeader('connection')).toLowerCase() === 'close' && !/close/i.test(String(raw.headers.connection ?? ''))) reply.removeHeader('connection');
      } else {
        void reply.header('connection', 'close');
      }
      return payload;
    });
  });
}

/** Whether the request has a body at all (HTTP/1.1: a transfer-encoding, or a content-length above 0). */
export function declaresBody(raw: Pick<IncomingMessage, 'headers'>): boolean {
  return raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0;
}
