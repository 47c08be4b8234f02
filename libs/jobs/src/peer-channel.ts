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
  private readonly acks: string;
  private subscriber: Redis | null = null;
  /** Whether the subscription listens now to this process's acknowledgements, and to the channel. */
  private acksReady = false;
  private acksEverReady = false;
  /** Settles once: the first publishes wait for it, the later ones no longer (a subscription that cannot connect). */
  private firstConnection: Promise<void> | null = null;
  private firstConnected: (() => void) | null = null;
  private channelReady = false;
  private channelWasReady = false;
  private followed = false;
  private closed = false;
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
    this.acks = `${name}:ack:${this.origin}`;
  }

  /** False while `follow()`'s subscription is down (the others' messages may be missed); true when never followed. */
  get following(): boolean {
    return !this.followed || (this.channelReady && this.subscriber?.status === 'ready');
  }

  /**
   * Resolves once every receiver has handled the message (or after the acknowledgement timeout); rejects when Redis
   * did not take it. While this process does not listen to its acknowledgements (its subscription reconnects, or did
   * not connect within the timeout), it resolves when Redis has taken the message, as a plain PUBLISH.
   */
  async publish(payload: string): Promise<void> {
    // A process's first publish (the worker never follows) waits, boundedly, for its subscription's first connect.
    if (this.subscription() && !this.acksEverReady) await (this.firstConnection ??= this.firstConnect());
    const id = ++this.sent;
    let done!: () => void;
    const handled = new Promise<void>((resolve) => (done = resolve));
    const awaiting: Awaiting = { handled: 0, done };
    const wait = this.acksReady;
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

  /** Follows the other processes' messages: resolves once subscribed. */
  async follow(): Promise<void> {
    if (this.followed || this.closed) return;
    this.followed = true;
    const subscriber = this.subscription() as Redis;
    try {
      await subscriber.subscribe(this.acks, this.name);
    } catch (error) {
      this.followed = false;
      throw error;
    }
    this.subscribed(subscriber, true);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.acksReady = this.channelReady = false;
    this.firstConnected?.();
    for (const awaiting of this.awaiting.values()) awaiting.done();
    const subscriber = this.subscriber;
    this.subscriber = null;
    await subscriber?.quit().catch(() => subscriber.disconnect());
  }

  /**
   * The subscription connection, made on first use. It subscribes again itself on every connect (ioredis' own
   * resubscribe runs after it reports ready, so a publish meanwhile would wait for acknowledgements no one hears).
   */
  private subscription(): Redis | null {
    if (this.subscriber || this.closed) return this.subscriber;
    // Named for CLIENT LIST (operators, and the e2e suite that drops it).
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false, autoResubscribe: false, connectionName: `peers:${this.name}` });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => this.received(channel, message));
    subscriber.on('ready', () => {
      const channels = this.followed ? [this.acks, this.name] : [this.acks];
      subscriber.subscribe(...channels).then(
        () => this.subscribed(subscriber, channels.length > 1),
        (error: unknown) => this.logger.warn(`could not subscribe again: ${String(error)}`),
      );
    });
    subscriber.on('close', () => {
      if (subscriber === this.subscriber) this.acksReady = this.channelReady = false;
    });
    return subscriber;
  }

  /** Listening again: a drop of the channel's subscription may have missed messages. */
  private subscribed(subscriber: Redis, channel: boolean): void {
    if (subscriber !== this.subscriber || subscriber.status !== 'ready') return;
    this.acksReady = this.acksEverReady = true;
    this.firstConnected?.();
    if (!channel || this.channelReady) return;
    this.channelReady = true;
    if (this.channelWasReady) this.handlers.resync();
    this.channelWasReady = true;
  }

  private received(channel: string, message: string): void {
    if (channel === this.acks) return this.acknowledged(Number(message));
    if (channel !== this.name) return;
    const parsed = split(message);
    // Not one of ours (an older version's, say): anything may have changed.
    if (parsed === null) return this.handlers.resync();
    const [origin, id, payload] = parsed;
    if (origin === this.origin) return this.acknowledged(Number(id));
    try {
      this.handlers.message(payload);
    } catch (error) {
      this.logger.warn(`a message was not handled (${String(error)}): dropping everything instead`);
      this.handlers.resync();
    }
    this.redis.publish(`${this.name}:ack:${origin}`, id).catch(() => undefined);
  }

  /** Resolves when the subscription first listens to acknowledgements, or after the acknowledgement timeout. */
  private firstConnect(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.ackTimeoutMs);
      this.firstConnected = () => {
        clearTimeout(timer);
        this.firstConnected = null;
        resolve();
      };
    });
  }

  private acknowledged(id: number): void {
    const awaiting = this.awaiting.get(id);
    if (!awaiting) return;
    awaiting.handled += 1;
    if (awaiting.receivers !== undefined && awaiting.handled >= awaiting.receivers) awaiting.done();
  }

  private warnTimeout(missing: number): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(`${missing} receiver(s) did not acknowledge a message within ${this.ackTimeoutMs} ms (a process stalled or gone)`);
  }
}

/** `origin id payload` (the payload may hold spaces, the id is a number); null when the message is not one of ours. */
function split(message: string): [string, string, string] | null {
  const first = message.indexOf(' ');
  const second = first > 0 ? message.indexOf(' ', first + 1) : -1;
  if (second < 0) return null;
  const id = message.slice(first + 1, second);
  return /^\d+$/.test(id) ? [message.slice(0, first), id, message.slice(second + 1)] : null;
}
