import { LeaderboardNotifier } from '@arena/jobs';
import { Logger } from '@nestjs/common';
import Fastify, { FastifyInstance } from 'fastify';
import { BoardCache } from './board-cache.service';
import { BoardPage, BoardPages } from './board-pages';

// The two sources of invalidation, as BoardPages sees them.
class FakeCache {
  subscribed = true;
  listener: (eventId: string | null) => void = () => undefined;
  onInvalidated(listener: (eventId: string | null) => void): void {
    this.listener = listener;
  }
}
class FakeNotifier {
  listener: (eventId: string) => void = () => undefined;
  onChanged(listener: (eventId: string) => void): void {
    this.listener = listener;
  }
}

describe('BoardPages', () => {
  let cache: FakeCache;
  let notifier: FakeNotifier;
  let pages: BoardPages;
  let app: FastifyInstance;
  let handled: number;

  const page = (eventId: string, text: string, until = Date.now() + 60_000): BoardPage => ({
    eventId,
    etag: `W/"${text}"`,
    cacheControl: 'public, max-age=1',
    body: Buffer.from(JSON.stringify({ text })),
    until,
  });

  beforeEach(async () => {
    cache = new FakeCache();
    notifier = new FakeNotifier();
    pages = new BoardPages(cache as unknown as BoardCache, notifier as unknown as LeaderboardNotifier);
    handled = 0;
    app = Fastify();
    app.addHook('preHandler', (request, reply, done) => {
      if (!pages.serve(request, reply)) done();
    });
    app.get('/board', async () => {
      handled += 1;
      return { text: 'handler' };
    });
    await app.ready();
  });

  afterEach(async () => {
    pages.onModuleDestroy();
    await app.close();
  });

  const get = (url = '/board', headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('should answer anonymous reads of a remembered URL from the page, with its ETag, and 304 for a matching If-None-Match', async () => {
    pages.remember('/board', page('e1', 'cached'));
    const answer = await get();
    expect([answer.statusCode, answer.json(), answer.headers.etag, answer.headers['content-type'], handled]).toEqual([
      200,
      { text: 'cached' },
      'W/"cached"',
      'application/json; charset=utf-8',
      0,
    ]);
    const unchanged = await get('/board', { 'if-none-match': 'W/"cached"' });
    expect([unchanged.statusCode, unchanged.body, handled]).toEqual([304, '', 0]);
  });

  it('should leave other URLs, authenticated callers and expired pages to the handler', async () => {
    pages.remember('/board', page('e1', 'cached'));
    pages.remember('/board?offset=1', page('e1', 'old', Date.now() + 30));
    expect((await get('/board?offset=2')).json()).toEqual({ text: 'handler' });
    expect((await get('/board', { authorization: 'Bearer x' })).json()).toEqual({ text: 'handler' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await get('/board?offset=1')).json()).toEqual({ text: 'handler' });
    expect(handled).toBe(3);
  });

  it("should drop an event's pages when its boards change here or are announced, and all of them on a reconnect", async () => {
    pages.remember('/a', page('e1', 'a'));
    pages.remember('/b', page('e2', 'b'));
    pages.remember('/c', page('e3', 'c'));
    notifier.listener('e1');
    cache.listener('e2');
    expect([(await get('/a')).statusCode, (await get('/b')).statusCode, (await get('/c')).json()]).toEqual([404, 404, { text: 'c' }]);
    cache.listener(null);
    expect((await get('/c')).statusCode).toBe(404);
  });

  it('should keep nothing while unsubscribed (no one would say the page went stale), and at most 2000 URLs', async () => {
    cache.subscribed = false;
    pages.remember('/board', page('e1', 'cached'));
    expect((await get()).json()).toEqual({ text: 'handler' });
    cache.subscribed = true;
    for (let i = 0; i <= 2000; i += 1) pages.remember(`/board?offset=${i}`, page('e1', String(i)));
    expect((await get('/board?offset=0')).json()).toEqual({ text: 'handler' });
    expect((await get('/board?offset=2000')).json()).toEqual({ text: '2000' });
  });

  it('should count the reads it answers and log the count once a minute instead of a line each', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const counted = new BoardPages(cache as unknown as BoardCache, notifier as unknown as LeaderboardNotifier);
      const reply = { header: () => reply, code: () => reply, send: () => reply };
      const answer = (url: string) => counted.serve({ method: 'GET', url, headers: {} } as never, reply as never);
      counted.remember('/board', page('e1', 'cached'));
      expect([answer('/board'), answer('/board'), answer('/other'), answer('/board')]).toEqual([true, true, false, true]);
      jest.advanceTimersByTime(60_000);
      expect(logged.mock.calls.map(([message]) => message)).toEqual(['answered 3 anonymous board reads from memory in the last minute']);
      jest.advanceTimersByTime(60_000);
      expect(logged).toHaveBeenCalledTimes(1);
      counted.onModuleDestroy();
    } finally {
      jest.useRealTimers();
      logged.mockRestore();
    }
  });
});
