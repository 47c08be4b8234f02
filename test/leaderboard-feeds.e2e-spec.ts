import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { attempt, createChallenge, CtfTeam, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { recomputesSettled } from './utils/board-recomputes';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

interface CtftimeRow {
  team: string;
  score: number;
  taskStats: Record<string, { points: number; time: number }>;
}
interface Graph {
  teamId: string;
  points: Array<{ at: string; score: number }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ctftime.json and the score graph are public: they are computed by the worker with each board version and served
// from the board cache, so no anonymous read can make the api rebuild the standings.
describe('leaderboard feeds (ctftime.json, score graph)', () => {
  let app: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const get = (event: TestEvent, path: string, auth?: string) => {
    const request = app.http().get(`/api/v1/events/${event.slug}/${path}`);
    return auth ? request.set('Authorization', auth) : request;
  };
  const ctftime = async (event: TestEvent, auth?: string): Promise<CtftimeRow[]> => (await get(event, 'ctftime.json', auth).expect(200)).body.standings;
  const graph = async (event: TestEvent, auth?: string): Promise<Graph[]> => (await get(event, 'leaderboard/history?top=5', auth).expect(200)).body;
  const scoreOf = (rows: CtftimeRow[], who: CtfTeam) => rows.find((row) => row.team === who.team.name)?.score;
  const graphOf = (graphs: Graph[], who: CtfTeam) => graphs.find((row) => row.teamId === who.team.id)?.points.map((point) => point.score);
  const solve = (event: TestEvent, who: CtfTeam, challenge: { id: string; flag: string }) => attempt(app, event, who.captain, challenge.id, challenge.flag).expect(200);
  const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) =>
    eventually(
      async () => {
        const value = await read();
        return done(value) ? value : undefined;
      },
      15_000,
      100,
    );

  it('should keep serving the feeds from the board cache when the rows under them change without a recompute', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { name: 'cached-web' });
    const team = await ctfTeam(app, event);
    await solve(event, team, challenge);
    await until(
      () => ctftime(event),
      (rows) => scoreOf(rows, team) === 100,
    );
    await until(
      () => graph(event, event.organiser.auth),
      (graphs) => graphOf(graphs, team)?.join() === '100',
    );
    await recomputesSettled(worker, event.id); // a recompute still to come would read the deletion below
    // Straight in SQL: nothing tells the worker, so only a read that rebuilt the standings could see it.
    await app.app.get(DataSource).query('DELETE FROM solves WHERE event_id = $1', [event.id]);
    for (const auth of [undefined, event.organiser.auth, team.captain.auth]) {
      expect(scoreOf(await ctftime(event, auth), team)).toBe(100);
      expect((await ctftime(event, auth)).find((row) => row.team === team.team.name)?.taskStats['cached-web'].points).toBe(100);
      expect(graphOf(await graph(event, auth), team)).toEqual([100]);
    }
    // A reader that has the answer is told so without a body.
    const first = await get(event, 'ctftime.json').expect(200);
    await get(event, 'ctftime.json').set('If-None-Match', first.headers.etag).expect(304);
  });

  it('should show the public frozen feeds and organisers live ones during the freeze, each updated after a solve', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { name: 'frozen-web' });
    const [early, late] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    await solve(event, early, challenge);
    await until(
      () => ctftime(event),
      (rows) => scoreOf(rows, early) === 100,
    );
    await until(
      () => graph(event),
      (graphs) => graphOf(graphs, early)?.join() === '100',
    );
    await sleep(20);
    await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ freezeAt: new Date().toISOString() }).expect(200);
    await sleep(20);
    await solve(event, late, challenge);
    const live = await until(
      () => ctftime(event, event.organiser.auth),
      (rows) => scoreOf(rows, late) === 100,
    );
    expect(live.map((row) => [row.team, row.score, Object.keys(row.taskStats)])).toEqual([
      [early.team.name, 100, ['frozen-web']],
      [late.team.name, 100, ['frozen-web']],
    ]);
    expect(
      graphOf(
        await until(
          () => graph(event, event.organiser.auth),
          (graphs) => graphOf(graphs, late) !== undefined,
        ),
        late,
      ),
    ).toEqual([100]);
    await recomputesSettled(worker, event.id); // every board the late solve caused is stored
    await sleep(1500); // and the feeds that follow the boards (outside their jobs, at most once a second)
    for (const auth of [undefined, late.captain.auth]) {
      const frozen = await ctftime(event, auth);
      expect(frozen.map((row) => [row.team, row.score, Object.keys(row.taskStats)])).toEqual([
        [early.team.name, 100, ['frozen-web']],
        [late.team.name, 0, []],
      ]);
      const graphs = await graph(event, auth);
      expect([graphOf(graphs, early), graphOf(graphs, late)]).toEqual([[100], []]);
    }
  });
});
