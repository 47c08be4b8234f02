import { randomUUID } from 'crypto';
import Redis from 'ioredis';

/** What a process does with its peers' messages on one channel. */
export interface PeerChannelHandlers {
  /** A message another process published (this process's own are skipped). */
  message(payload: string): void;
  /** The subscription came back after a drop: messages may have been missed meanwhile. */
  resync(): void;
}

/**
 * One Redis pub/sub channel between the api processes: `publish` tells the others (each message carries this
 * process's origin, so its own come back ignored), `follow` listens to them on a connection of its own.
 */
export class PeerChannel {
  private readonly origin = randomUUID();
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly handlers: PeerChannelHandlers,
  ) {}

  /** False while `follow()`'s subscription is down (the others' messages may be missed); true when never followed. */
  get following(): boolean {
    return this.subscriber === null || this.subscriber.status === 'ready';
  }

  /**
   * Resolves once Redis has taken the message. Redis writes this reply and the message to the other processes'
   * subscriptions in the same pass of its loop, the reply first: they nearly always have it before this process's
   * answer reaches its client, but not when Redis is descheduled between the writes (no acknowledgement is awaited).
   */
  async publish(payload: string): Promise<void> {
    await this.redis.publish(this.name, `${this.origin} ${payload}`);
  }

  async follow(): Promise<void> {
    if (this.subscriber) return;
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false });
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => {
      const space = message.indexOf(' ');
      if (space > 0 && message.slice(0, space) !== this.origin) this.handlers.message(message.slice(space + 1));
    });
    let connected = false;
    subscriber.on('ready', () => {
      if (connected) this.handlers.resync();
      connected = true;
    });
    await subscriber.subscribe(this.name);
  }

  async close(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
