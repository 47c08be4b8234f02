import { BoardCache, BoardComputer, boardKeys } from '@arena/leaderboard';
import { INestApplicationContext } from '@nestjs/common';
import { EventEntity } from '@arena/registration';
import { attempt, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The worker's recomputes under a burst of solves: one at a time per event, none lost after the last change.
describe('leaderboard recomputes', () => {
  let app: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await worker.close();
    await app.close();
  });

  it("should never run two recomputes of one event at once, and store the burst's last solve, when solves come faster than a recompute", async () => {
    const event = await runningCtf(app);
    const challenges = [];
    for (let index = 0; index < 6; index += 1) challenges.push(await createChallenge(app, event));
    const team = await ctfTeam(app, event);
    // The first recompute of this event is held until every solve is answered, and each later one takes longer than
    // the debounce window, so the windows' jobs pile up behind them whatever the machine's load makes each solve take.
    const computer = worker.get(BoardComputer, { strict: false });
    const compute = computer.computeWithFeeds.bind(computer);
    const stats = { running: 0, most: 0, runs: 0 };
    let release = () => {};
    const solvesAnswered = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(computer, 'computeWithFeeds').mockImplementation(async (computed: EventEntity, ...rest) => {
      if (computed.id !== event.id) return compute(computed, ...rest);
      stats.runs += 1;
      stats.most = Math.max(stats.most, ++stats.running);
      try {
        await (stats.runs === 1 ? solvesAnswered : sleep(450));
        return await compute(computed, ...rest);
      } finally {
        stats.running -= 1;
      }
    });
    try {
      for (const challenge of challenges) {
        await attempt(app, event, team.captain, challenge.id, challenge.flag).expect(200);
        await sleep(150);
      }
    } finally {
      release();
    }
    // Read from Redis as the worker stored it (the api's own rebuilds are not asked for: nobody reads through it).
    const cache = worker.get(BoardCache, { strict: false });
    const stored = await eventually(async () => {
      const doc = await cache.read(event.id, 'live');
      const score = doc?.boards[boardKeys.all]?.[0]?.score;
      return score === 600 ? doc : undefined;
    });
    expect(stored?.boards[boardKeys.all]).toEqual([expect.objectContaining({ teamId: team.team.id, score: 600 })]);
    await sleep(1000);
    expect(stats.most).toBe(1);
    // Six solves that came while a run was held coalesce into fewer runs than solves.
    expect(stats.runs).toBeLessThan(6);
  });
});
