import { Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import Redis from 'ioredis';

/** What a process does with its peers' messages on one channel. */
export interface PeerChannelHandlers {
  /** A message another process published (this process's own are skipped). */
  message(payload: string): void;
  /** The subscription came back after a drop: messages may have been missed meanwhile. */
  resync(): void;
}

// How long a publish waits for its receivers to have handled it. Past this (a receiver died, or stalls), it resolves
// anyway: the receivers bound what they keep by a TTL for such a loss.
const ACK_TIMEOUT_MS = 1_000;
const WARN_EVERY_MS = 10_000;

/** A message of this process waiting for its receivers: how many handled it so far, and how many Redis sent it to. */
interface Awaiting {
  handled: number;
  receivers?: number;
  done(): void;
}

/**
 * One Redis pub/sub channel between the api processes: `publish` tells the others (each message carries this
 * process's origin and a number, so its own come back ignored), `follow` listens to them on a connection of its own.
 *
 * `publish` resolves once every process that received the message has handled it: each receiver answers on the
 * sender's own acknowledgement channel after its handler ran. Redis alone does not give that: it writes the
 * publisher's reply before the subscribers' copies, and a receiver may read a request of a client who already has the
 * publisher's answer before it reads the message.
 */
export class PeerChannel {
  private readonly logger: Logger;
  private readonly origin = randomUUID();
  private subscriber: Redis | null = null;
  private listening: Promise<Redis> | null = null;
  private followed = false;
  private sent = 0;
  private readonly awaiting = new Map<number, Awaiting>();
  private warnedAt = -Infinity;

  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly handlers: PeerChannelHandlers,
    private readonly ackTimeoutMs = ACK_TIMEOUT_MS,
  ) {
    this.logger = new Logger(`PeerChannel ${name}`);
  }

  /** False while `follow()`'s subscription is down (the others' messages may be missed); true when never followed. */
  get following(): boolean {
    return !this.followed || this.subscriber?.status === 'ready';
  }

  /**
   * Resolves once every receiver has handled the message (or after the acknowledgement timeout); rejects when Redis
   * did not take it. While this process's own subscription is down, it resolves when Redis has taken the message.
   */
  async publish(payload: string): Promise<void> {
    const subscriber = await this.listen();
    const id = ++this.sent;
    let done!: () => void;
    const handled = new Promise<void>((resolve) => (done = resolve));
    const awaiting: Awaiting = { handled: 0, done };
    // Acknowledgements come on the subscription: without it, none would come.
    const wait = subscriber.status === 'ready';
    if (wait) this.awaiting.set(id, awaiting);
    let timer: NodeJS.Timeout | undefined;
    try {
      const receivers = await this.redis.publish(this.name, `${this.origin} ${id} ${payload}`);
      if (!wait || awaiting.handled >= receivers) return;
      awaiting.receivers = receivers;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.ackTimeoutMs)));
      if (await Promise.race([handled.then(() => false), timedOut])) this.warnTimeout(receivers - awaiting.handled);
    } finally {
      clearTimeout(timer);
      this.awaiting.delete(id);
    }
  }

  /** Follows the other processes' messages. */
  async follow(): Promise<void> {
    if (this.followed) return;
    this.followed = true;
    const subscriber = await this.listen();
    await subscriber.subscribe(this.name);
  }

  async close(): Promise<void> {
    for (const awaiting of this.awaiting.values()) awaiting.done();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** The subscription connection, listening to this process's acknowledgements (and, once followed, to the channel). */
  private listen(): Promise<Redis> {
    this.listening ??= this.connect().catch((error: unknown) => {
      // Tried again by the next call.
      this.subscriber?.disconnect();
      this.subscriber = null;
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  private async connect(): Promise<Redis> {
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false });
    this.subscriber = subscriber;
    const acks = this.ackChannel(this.origin);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === acks) return this.acknowledged(Number(message));
      if (channel !== this.name) return;
      const [origin, id, payload] = split(message);
      if (origin === undefined) return;
      if (origin === this.origin) return this.acknowledged(Number(id));
      this.handlers.message(payload);
      this.redis.publish(this.ackChannel(origin), id).catch(() => undefined);
    });
    let connected = false;
    subscriber.on('ready', () => {
      if (connected && this.followed) this.handlers.resync();
      connected = true;
    });
    await subscriber.subscribe(acks);
    return subscriber;
  }

  private acknowledged(id: number): void {
    const awaiting = this.awaiting.get(id);
    if (!awaiting) return;
    awaiting.handled += 1;
    if (awaiting.receivers !== undefined && awaiting.handled >= awaiting.receivers) awaiting.done();
  }

  private ackChannel(origin: string): string {
    return `${this.name}:ack:${origin}`;
  }

  private warnTimeout(missing: number): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(`${missing} receiver(s) did not acknowledge a message within ${this.ackTimeoutMs} ms (a process stalled or gone)`);
  }
}

/** `origin id payload` (the payload may hold spaces); an origin of undefined when the message is not one of ours. */
function split(message: string): [string, string, string] | [undefined] {
  const first = message.indexOf(' ');
  const second = first > 0 ? message.indexOf(' ', first + 1) : -1;
  if (second < 0) return [undefined];
  return [message.slice(0, first), message.slice(first + 1, second), message.slice(second + 1)];
}
