import { AppConfig } from '@arena/config';
import { IncrementalStandings } from '@arena/ctf';
import { LeaderboardsJob } from '@arena/jobs';
import { EventsService } from '@arena/registration';
import { BoardCache } from './board-cache.service';
import { BoardComputer } from './board-computer.service';
import { FEEDS_GAP_MS, LeaderboardsProcessor } from './leaderboards.processor';

/** The processor with its stores in memory: each recompute stores the next version; feeds record the version they follow. */
function setup(options: { failFeedsOf?: number[] } = {}) {
  let version = 0;
  const feedsOf: number[] = [];
  const stored: number[] = [];
  const failing = [...(options.failFeedsOf ?? [])];
  const cache = {
    nextVersion: async () => ++version,
    store: async () => true,
    storeFeeds: async (_eventId: string, feeds: { public: { solves: string } }, at: number) => {
      // Redis away a moment: the versions listed fail once each.
      if (failing.includes(at)) {
        failing.splice(failing.indexOf(at), 1);
        throw new Error('connection lost');
      }
      stored.push(at);
      return feeds.public.solves === String(at);
    },
  };
  const computer = {
    computeWithFeeds: async () => {
      const at = version;
      return {
        boards: {},
        feeds: async () => {
          feedsOf.push(at);
          return { public: { ctftime: '{}', history: '{}', solves: String(at) } };
        },
      };
    },
  };
  const events = { getById: async (id: string) => ({ id }) };
  const processor = new LeaderboardsProcessor(
    {} as AppConfig,
    events as unknown as EventsService,
    computer as unknown as BoardComputer,
    cache as unknown as BoardCache,
    {} as IncrementalStandings,
  );
  const recompute = () => processor.process({ name: LeaderboardsJob.Recompute, data: { eventId: 'e1' } } as never);
  return { processor, recompute, feedsOf, stored };
}

/** Polls `check` until it holds; gives up (failing the test) after 5 s rather than polling on after its timeout. */
const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('LeaderboardsProcessor feeds', () => {
  it('should compute the feeds at once after a quiet spell, then at most once per gap with the latest boards, in a storm of recomputes', async () => {
    const { processor, recompute, feedsOf, stored } = setup();
    try {
      // A storm: ten boards in a row (each stored), far faster than the gap.
      for (let index = 0; index < 10; index += 1) await recompute();
      await until(() => stored.length >= 2);
      // The first board's feeds at once, then one run for the nine that came during the gap: the latest board's.
      expect(feedsOf).toEqual([1, 10]);
      expect(stored).toEqual([1, 10]);
      // Nothing more is waiting.
      await new Promise((resolve) => setTimeout(resolve, FEEDS_GAP_MS + 100));
      expect(feedsOf).toEqual([1, 10]);
    } finally {
      await processor.beforeApplicationShutdown();
    }
  }, 10_000);

  it('should compute the feeds waiting out their gap at shutdown, not drop them', async () => {
    const { processor, recompute, feedsOf, stored } = setup();
    for (let index = 0; index < 5; index += 1) await recompute();
    expect(feedsOf).toEqual([1]);
    await processor.beforeApplicationShutdown();
    expect(feedsOf).toEqual([1, 5]);
    expect(stored).toEqual([1, 5]);
    // A recompute that ends during the shutdown (BullMQ waits for its job) stores its feeds within the job.
    await recompute();
    expect(stored).toEqual([1, 5, 6]);
  });

  it('should try a failed run again a gap later', async () => {
    const { processor, recompute, feedsOf, stored } = setup({ failFeedsOf: [1] });
    try {
      await recompute();
      await until(() => stored.length >= 1);
      // Version 1 failed once, then was stored on the retry.
      expect(feedsOf).toEqual([1, 1]);
      expect(stored).toEqual([1]);
    } finally {
      await processor.beforeApplicationShutdown();
    }
  }, 10_000);

  it('should not try a failed run again when a newer board came meanwhile: its feeds go instead', async () => {
    const { processor, recompute, feedsOf, stored } = setup({ failFeedsOf: [1] });
    try {
      await recompute();
      await recompute();
      await until(() => stored.length >= 1);
      expect(feedsOf).toEqual([1, 2]);
      expect(stored).toEqual([2]);
      await new Promise((resolve) => setTimeout(resolve, FEEDS_GAP_MS + 100));
      expect(feedsOf).toEqual([1, 2]);
    } finally {
      await processor.beforeApplicationShutdown();
    }
  }, 10_000);
});
