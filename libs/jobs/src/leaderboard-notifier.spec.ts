import { AppConfig } from '@arena/config';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { EventEmitter } from 'events';
import Redis from 'ioredis';
import { ChangeScope, LeaderboardNotifier } from './leaderboard-notifier';

/** The subscriber connection `follow()` makes: messages and reconnects are emitted by the test. */
class FakeSubscriber extends EventEmitter {
  status = 'ready';
  channels: string[] = [];
  async subscribe(...channels: string[]): Promise<number> {
    this.channels.push(...channels);
    return channels.length;
  }
  /** A drop and the connection back, as ioredis reports them: it subscribes again on 'ready'. */
  async reconnect(): Promise<void> {
    this.status = 'reconnecting';
    this.emit('close');
    this.status = 'ready';
    this.emit('ready');
    await new Promise((resolve) => setImmediate(resolve));
  }
  async quit(): Promise<string> {
    return 'OK';
  }
}

function setup() {
  const subscriber = new FakeSubscriber();
  const published: Array<[string, string]> = [];
  const redis = {
    // The subscription connects on the next turn, as a real one would.
    duplicate: () => (setImmediate(() => subscriber.emit('ready')), subscriber),
    // No other process listens: Redis answers 0 receivers, so a publish waits for no acknowledgement.
    publish: async (channel: string, message: string) => (published.push([channel, message]), 0),
    incr: async () => 1,
  };
  const queue = { add: async () => undefined, getJob: async () => undefined };
  const notifier = new LeaderboardNotifier(queue as unknown as Queue, redis as unknown as Redis, { BULLMQ_PREFIX: 'p' } as AppConfig);
  const told: Array<string | null> = [];
  notifier.onDefinitionsChanged((eventId) => told.push(eventId));
  return { notifier, subscriber, published, told };
}

describe('LeaderboardNotifier definitions across processes', () => {
  it("should tell its listeners of this process's changes at once and publish them, but not of solves", async () => {
    const { notifier, published, told } = setup();
    await notifier.changed('e1', ChangeScope.All);
    await notifier.changed('e1', ChangeScope.Solves);
    await notifier.changed('e1', ChangeScope.Scores);
    expect(told).toEqual(['e1']);
    expect(published).toHaveLength(1);
    expect(published[0][0]).toBe('p:definitions-changed');
    expect(published[0][1]).toMatch(/ e1$/);
  });

  it("should tell its listeners of other processes' changes, and not twice of its own when they come back", async () => {
    const { notifier, subscriber, published, told } = setup();
    await notifier.follow();
    expect(subscriber.channels).toEqual([expect.stringMatching(/^p:definitions-changed:ack:/), 'p:definitions-changed']);
    await notifier.changed('e1');
    subscriber.emit('message', 'p:definitions-changed', published[0][1]);
    subscriber.emit('message', 'p:definitions-changed', 'another-process 1 e2');
    expect(told).toEqual(['e1', 'e2']);
  });

  it('should tell its listeners that anything may have changed when the subscription reconnects, not when it first connects', async () => {
    const { notifier, subscriber, told } = setup();
    await notifier.follow();
    // The first connect's own 'ready' comes after follow() subscribed: nothing was missed.
    subscriber.emit('ready');
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toEqual([]);
    expect(notifier.followingOthers).toBe(true);
    subscriber.status = 'reconnecting';
    subscriber.emit('close');
    expect(notifier.followingOthers).toBe(false);
    subscriber.status = 'ready';
    subscriber.emit('ready');
    // Not following again until subscribed again, and only then told that anything may have changed.
    expect(told).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toEqual([null]);
    expect(notifier.followingOthers).toBe(true);
    await subscriber.reconnect();
    expect(told).toEqual([null, null]);
  });

  it('should keep telling the other listeners when one throws, and log it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { notifier, subscriber, told } = setup();
    notifier.onDefinitionsChanged(() => {
      throw new Error('broken listener');
    });
    const after: Array<string | null> = [];
    notifier.onDefinitionsChanged((eventId) => after.push(eventId));
    await notifier.follow();
    subscriber.emit('message', 'p:definitions-changed', 'another-process 1 e3');
    expect(told).toEqual(['e3']);
    expect(after).toEqual(['e3']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('broken listener'));
    warn.mockRestore();
  });
});
