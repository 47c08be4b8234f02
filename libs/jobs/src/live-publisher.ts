import { AppConfig } from '@arena/config';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from './redis.module';

/** Messages pushed to an event's live streams beside the boards. */
export type LiveMessage =
  | { kind: 'announcement'; payload: { id: string; title: string; body: string; createdAt: string } }
  // Edits and removals go as their own events, so a page that toasts new announcements does not toast an edit.
  | { kind: 'announcement-updated'; payload: { id: string; title: string; body: string; createdAt: string } }
  | { kind: 'announcement-deleted'; payload: { id: string } }
  | { kind: 'submission'; payload: { id: string; teamId: string; taskId: string; status: string; publicScore: number | null; failureReason: string | null } };

/** Publishes live messages on Redis (`<prefix>:live:<eventId>`); every api instance relays them to its SSE clients. */
@Injectable()
export class LivePublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  static channelPrefix(prefix: string): string {
    return `${prefix}:live:`;
  }

  async publish(eventId: string, message: LiveMessage): Promise<void> {
    await this.redis.publish(`${LivePublisher.channelPrefix(this.config.BULLMQ_PREFIX)}${eventId}`, JSON.stringify(message));
  }
}
