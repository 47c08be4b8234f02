import { PeerChannel, redisOptions } from '@arena/jobs';
import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { eventually } from './utils/test-worker';

/** A channel's messages and resyncs as a process saw them. */
function recorder() {
  const seen: string[] = [];
  return { seen, handlers: { message: (payload: string) => void seen.push(payload), resync: () => void seen.push('resync') } };
}

// The api processes' pub/sub channel against the real redis-server: a publish resolves only once every receiver has
// handled the message, so a client who has the publisher's answer finds every other process told.
describe('PeerChannel (real redis-server)', () => {
  const connections: Redis[] = [];
  const channels: PeerChannel[] = [];
  const connect = () => {
    const redis = new Redis({ ...redisOptions(process.env.REDIS_URL as string), enableAutoPipelining: true });
    connections.push(redis);
    return redis;
  };
  const channel = (name: string, handlers: ReturnType<typeof recorder>['handlers'], ackTimeoutMs?: number) => {
    const made = new PeerChannel(connect(), name, handlers, ackTimeoutMs);
    channels.push(made);
    return made;
  };
  const settled = (promise: Promise<void>) => {
    const state = { settled: false };
    void promise.then(() => (state.settled = true));
    return state;
  };

  afterEach(async () => {
    await Promise.all(channels.splice(0).map((made) => made.close()));
    await Promise.all(connections.splice(0).map((redis) => redis.quit()));
  });

  it("should have every follower's handler run when publish resolves, and skip the publisher's own message", async () => {
    const name = `${process.env.BULLMQ_PREFIX}:peer-${randomUUID()}`;
    const [a, b, c] = [recorder(), recorder(), recorder()];
    // Timeouts out of reach: a stalled test process must not pass for an acknowledgement.
    const publisher = channel(name, a.handlers, 600_000);
    const followers = [channel(name, b.handlers, 600_000), channel(name, c.handlers, 600_000)];
    await Promise.all([publisher.follow(), ...followers.map((follower) => follower.follow())]);
    for (let round = 0; round < 50; round += 1) {
      await publisher.publish(`event teams ${round}`);
      expect(b.seen.at(-1)).toBe(`event teams ${round}`);
      expect(c.seen.at(-1)).toBe(`event teams ${round}`);
    }
    expect(a.seen).toEqual([]);
    expect(b.seen).toHaveLength(50);
  });

  it('should not resolve a publish before a receiver acknowledges it, and resolve once it does', async () => {
    const name = `${process.env.BULLMQ_PREFIX}:peer-${randomUUID()}`;
    const publisher = channel(name, recorder().handlers, 600_000);
    await publisher.follow();
    // A receiver that answers only when told: it reads the message as any follower does.
    const slow = connect().duplicate();
    connections.push(slow);
    const received: string[] = [];
    slow.on('message', (_channel: string, message: string) => void received.push(message));
    await slow.subscribe(name);

    const publishing = publisher.publish('held');
    const state = settled(publishing);
    const message = await eventually(async () => received[0]);
    const [origin, id, payload] = message.split(' ');
    expect(payload).toBe('held');
    // Another round trip through Redis (a publish no one awaits) leaves it time to resolve if it did not wait.
    await connect().publish(`${name}:other`, 'x');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(state.settled).toBe(false);
    await connect().publish(`${name}:ack:${origin}`, id);
    await publishing;
    expect(state.settled).toBe(true);
  });

  it('should resolve after the acknowledgement timeout when a receiver never answers', async () => {
    const name = `${process.env.BULLMQ_PREFIX}:peer-${randomUUID()}`;
    const publisher = channel(name, recorder().handlers, 300);
    await publisher.follow();
    const mute = connect().duplicate();
    connections.push(mute);
    await mute.subscribe(name);
    const started = Date.now();
    await publisher.publish('lost');
    // Not a speed check: a timer never fires early, so this shows the publish waited for the answer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('should wait for the followers of a publisher that never follows (the worker) and report it following', async () => {
    const name = `${process.env.BULLMQ_PREFIX}:peer-${randomUUID()}`;
    const b = recorder();
    const publisher = channel(name, recorder().handlers, 600_000);
    const follower = channel(name, b.handlers, 600_000);
    await follower.follow();
    expect(publisher.following).toBe(true);
    await publisher.publish('from the worker');
    expect(b.seen).toEqual(['from the worker']);
    // No one listening: Redis answers 0 receivers and the publish resolves at once.
    await channel(`${name}:nobody`, recorder().handlers).publish('unheard');
  });

  it('should resync the followers whose subscription dropped, not hang a publish meanwhile, and wait for them again once back', async () => {
    const name = `${process.env.BULLMQ_PREFIX}:peer-${randomUUID()}`;
    const [a, b] = [recorder(), recorder()];
    const publisher = channel(name, a.handlers, 600_000);
    const follower = channel(name, b.handlers, 600_000);
    await Promise.all([publisher.follow(), follower.follow()]);
    await publisher.publish('before');
    expect(b.seen).toEqual(['before']);
    // Both subscription connections go (they carry the channel's name).
    const admin = connect();
    const clients = String(await admin.client('LIST'))
      .split('\n')
      .filter((line) => line.includes(` name=peers:${name} `));
    expect(clients).toHaveLength(2);
    for (const line of clients) await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line)![1]);
    await publisher.publish('while down');
    // Back: each drops everything it kept (it may have missed messages), and the next publish waits for them again.
    await eventually(async () => (b.seen.includes('resync') && a.seen.includes('resync') ? true : undefined));
    expect(follower.following).toBe(true);
    await publisher.publish('after');
    expect(b.seen.at(-1)).toBe('after');
  });

  it('should resync on a message that is not of this version, and acknowledge after a handler that throws', async () => {
    const name = `${process.env.BULLMQ_PREFIX}:peer-${randomUUID()}`;
    const b = recorder();
    let throws = true;
    const follower = channel(name, {
      message: (payload) => {
        if (throws) throw new Error('broken handler');
        b.handlers.message(payload);
      },
      resync: b.handlers.resync,
    });
    await follower.follow();
    await connect().publish(name, 'some-origin e1 t1,t2');
    await eventually(async () => (b.seen.includes('resync') ? true : undefined));
    const publisher = channel(name, recorder().handlers, 600_000);
    await publisher.follow();
    await publisher.publish('thrown on');
    expect(b.seen).toEqual(['resync', 'resync']);
    throws = false;
    await publisher.publish('handled');
    expect(b.seen).toEqual(['resync', 'resync', 'handled']);
  });

  it('should wait for the followers of a publisher that starts following after it first published', async () => {
    const name = `${process.env.BULLMQ_PREFIX}:peer-${randomUUID()}`;
    const [a, b] = [recorder(), recorder()];
    const publisher = channel(name, a.handlers, 600_000);
    const follower = channel(name, b.handlers, 600_000);
    await follower.follow();
    await publisher.publish('first');
    await publisher.follow();
    expect(publisher.following).toBe(true);
    await publisher.publish('second');
    expect(b.seen).toEqual(['first', 'second']);
    await follower.publish('back');
    expect(a.seen).toEqual(['back']);
  });
});
