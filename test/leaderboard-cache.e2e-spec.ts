import { REDIS } from '@arena/jobs';
import { BoardCache, BoardComputer } from '@arena/leaderboard';
import { EventsService } from '@arena/registration';
import { INestApplicationContext } from '@nestjs/common';
import { spawn } from 'child_process';
import Redis from 'ioredis';
import { mkdtempSync } from 'fs';
import { AddressInfo, createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { attempt, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTeam, registeredUser, teamsPath } from './factories/team.factory';
import { recomputesSettled } from './utils/board-recomputes';
import { SseClient, SseClients } from './utils/sse-client';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

interface Row {
  rank: number;
  teamId: string;
  score: number;
}

/**
 * A redis-server of this test alone, started like scripts/local-services.mjs does (that ES module cannot be loaded
 * by jest's CommonJS runtime): FLUSHALL there touches no other suite's queues.
 */
async function privateRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as AddressInfo;
      server.close(() => resolve(free));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'arena-flush-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await eventually(
    () =>
      probe.connect().then(
        () => true,
        () => undefined,
      ),
    10_000,
    50,
  );
  probe.disconnect();
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ranks = (rows: Row[]) => rows.map((row) => [row.teamId, row.rank, row.score]);
const ids = (client: SseClient) => client.frames.map((frame) => Number(frame.id));

// The read side of leaderboards: boards equal a fresh computation, read-your-writes, divisions, many readers, and a
// Redis that loses the cache (or everything) mid-contest. Two api instances share the harness's Redis.
describe('leaderboard cache', () => {
  let app: TestApp;
  let other: TestApp;
  let worker: INestApplicationContext;
  let sse: SseClients;

  beforeAll(async () => {
    [app, other] = await Promise.all([createTestApp(), createTestApp()]);
    worker = await startTestWorker();
    sse = new SseClients(app);
  });

  afterEach(() => sse.closeAll());

  afterAll(async () => {
    await worker.close();
    await Promise.all([app.close(), other.close()]);
  });

  const solve = (on: TestApp, event: TestEvent, who: CtfTeam, challenge: { id: string; flag: string }) => attempt(on, event, who.captain, challenge.id, challenge.flag).expect(200);
  const award = (on: TestApp, event: TestEvent, teamId: string, value: number) =>
    on.http().post(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).send({ teamId, value, reason: 'cache' }).expect(201);
  /** What the worker would store now, computed from PostgreSQL. */
  const fresh = async (on: TestApp, event: TestEvent) => {
    const entity = await on.app.get(EventsService, { strict: false }).getBySlug(event.slug);
    return on.app.get(BoardComputer, { strict: false }).compute(entity);
  };
  const rowsOf = async (on: TestApp, event: TestEvent, query = '', auth?: string): Promise<Row[]> => (await leaderboard(on, event, query, auth).expect(200)).body.rows;

  it('should equal a fresh computation on every instance when solves, awards and a ban change the board', async () => {
    const event = await runningCtf(app);
    const dynamic = await createChallenge(app, event, { type: 'dynamic', function: 'linear', initial: 300, minimum: 100, decay: 50 });
    const plain = await createChallenge(app, event, { value: 150 });
    const teams = await Promise.all(Array.from({ length: 4 }, () => ctfTeam(app, event)));
    for (const team of teams.slice(0, 3)) await solve(app, event, team, dynamic);
    await solve(app, event, teams[2], plain);
    await award(app, event, teams[3].team.id, 400);
    await app
      .http()
      .patch(teamsPath(event, `/${teams[0].team.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ hidden: true })
      .expect(200);
    const computed = await fresh(app, event);
    const score = (team: CtfTeam) => computed.public.boards.all.find((row) => row.teamId === team.team.id)?.score;
    expect(computed.public.boards.all.map((row) => row.rank)).toEqual([1, 2, 3]);
    expect([score(teams[0]), score(teams[3]), (score(teams[2]) ?? 0) - (score(teams[1]) ?? 0)]).toEqual([undefined, 400, 150]);
    expect(await rowsOf(app, event)).toEqual(computed.public.boards.all);
    expect(await rowsOf(app, event, '', event.organiser.auth)).toEqual(computed.live.boards.all);
    expect(await rowsOf(app, event, '?limit=2&offset=1')).toEqual(computed.public.boards.all.slice(1, 3));
    // The other instance made none of these changes: the worker's announcement brings them.
    await eventually(async () => (JSON.stringify(await rowsOf(other, event)) === JSON.stringify(computed.public.boards.all) ? true : undefined));
  });

  it('should store one text for both views while the event is unfrozen, two once frozen, and read each view as itself', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const [early, late] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    await solve(app, event, early, challenge);
    const entity = await app.app.get(EventsService, { strict: false }).getBySlug(event.slug);
    const cache = app.app.get(BoardCache, { strict: false });
    const redis = app.app.get<Redis>(REDIS, { strict: false });
    const prefix = process.env.BULLMQ_PREFIX as string;
    const stored = () => Promise.all([redis.get(`${prefix}:board:${entity.id}:live`), redis.get(`${prefix}:board:${entity.id}:public`)]);
    const storeFresh = async () => expect(await cache.store(entity.id, await fresh(app, event), await cache.nextVersion(entity.id))).toBe(true);
    await storeFresh();
    const [live, pub] = await stored();
    expect(pub).toBe(live);
    expect(JSON.parse(live as string)).not.toHaveProperty('view');
    expect([(await cache.read(entity.id, 'live'))?.view, (await cache.read(entity.id, 'public'))?.view]).toEqual(['live', 'public']);
    await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ freezeAt: new Date().toISOString() }).expect(200);
    await solve(app, event, late, challenge);
    await storeFresh();
    const [frozenLive, frozenPub] = await stored();
    expect(frozenPub).not.toBe(frozenLive);
    expect(JSON.parse(frozenLive as string).boards.all.map((row: Row) => row.score)).toEqual([100, 100]);
    expect(JSON.parse(frozenPub as string).boards.all.map((row: Row) => row.score)).toEqual([100, 0]);
    expect((await cache.read(entity.id, 'public'))?.boards.all.map((row) => row.score)).toEqual([100, 0]);
  });

  it('should show a solve on the very next read of the instance that recorded it', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const [a, b] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    expect(ranks(await rowsOf(app, event)).map((row) => row[2])).toEqual([0, 0]);
    await solve(app, event, b, challenge);
    expect(ranks(await rowsOf(app, event))).toEqual([
      [b.team.id, 1, 100],
      [a.team.id, 2, 0],
    ]);
    await solve(app, event, a, challenge);
    expect(ranks(await rowsOf(app, event, '', event.organiser.auth))).toEqual([
      [b.team.id, 1, 100],
      [a.team.id, 2, 100],
    ]);
    expect(ranks(await rowsOf(app, event))).toEqual([
      [b.team.id, 1, 100],
      [a.team.id, 2, 100],
    ]);
  });

  it('should list a new team and drop a disbanded one when teams change after the board was cached', async () => {
    const event = await runningCtf(app);
    const first = await ctfTeam(app, event);
    expect(ranks(await rowsOf(app, event))).toEqual([[first.team.id, 1, 0]]);
    const second = await ctfTeam(app, event);
    await eventually(async () => ((await rowsOf(other, event)).length === 2 ? true : undefined));
    expect((await rowsOf(app, event)).map((row) => row.teamId).sort()).toEqual([first.team.id, second.team.id].sort());
    await app
      .http()
      .delete(teamsPath(event, `/me/members/${first.captain.id}`))
      .set('Authorization', first.captain.auth)
      .expect(204);
    await eventually(async () => ((await rowsOf(other, event)).length === 1 ? true : undefined));
    expect(ranks(await rowsOf(app, event))).toEqual([[second.team.id, 1, 0]]);
  });

  it('should rank each division on its own when ?division= is given and refuse an unknown division', async () => {
    const event = await runningCtf(app, { divisions: ['student', 'open'] });
    const challenge = await createChallenge(app, event, { value: 100 });
    const big = await createChallenge(app, event, { value: 300 });
    const team = async (division: string): Promise<CtfTeam> => {
      const captain = await registeredUser(app, event);
      return { team: await createTeam(app, event, captain, { division }), captain, members: [] };
    };
    const [pro, student1, student2] = [await team('open'), await team('student'), await team('student')];
    await solve(app, event, pro, big);
    await solve(app, event, student2, challenge);
    expect(ranks(await rowsOf(app, event))).toEqual([
      [pro.team.id, 1, 300],
      [student2.team.id, 2, 100],
      [student1.team.id, 3, 0],
    ]);
    const students = await rowsOf(app, event, '?division=student');
    expect(ranks(students)).toEqual([
      [student2.team.id, 1, 100],
      [student1.team.id, 2, 0],
    ]);
    expect(students.every((row) => (row as Row & { division: string }).division === 'student')).toBe(true);
    expect(ranks(await rowsOf(app, event, '?division=open'))).toEqual([[pro.team.id, 1, 300]]);
    expect((await rowsOf(app, event, '?division=student&offset=1')).map((row) => row.rank)).toEqual([2]);
    const unknown = await leaderboard(app, event, '?division=pro').expect(400);
    expect(JSON.stringify(unknown.body.message)).toMatch(/division/);
    expect((await sse.connect(`/api/v1/events/${event.slug}/leaderboard/stream?division=pro`)).status).toBe(400);
  });

  it('should give 200 concurrent readers the same board and ETag and answer 304 to a matching If-None-Match', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const teams = await Promise.all(Array.from({ length: 5 }, () => ctfTeam(app, event)));
    await solve(app, event, teams[3], challenge);
    // The recomputes the setup queued are done: the board (and its ETag) stays put while the 200 read it.
    await recomputesSettled(worker, event.id);
    await leaderboard(app, event).expect(200);
    const answers = await Promise.all(Array.from({ length: 200 }, () => leaderboard(app, event)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(200));
    expect(new Set(answers.map((answer) => answer.headers.etag)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(answers[0].body.rows[0]).toMatchObject({ teamId: teams[3].team.id, rank: 1, score: 100 });
    expect(answers[0].headers['cache-control']).toMatch(/public/);
    const etag = answers[0].headers.etag;
    const unchanged = await leaderboard(app, event).set('If-None-Match', etag).expect(304);
    expect(unchanged.text).toBe('');
    await solve(app, event, teams[1], challenge);
    const changed = await leaderboard(app, event).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.rows.slice(0, 2).map((row: Row) => row.score)).toEqual([100, 100]);
  });

  it('should rebuild the board and keep pushing with rising ids when the event cache keys vanish mid-contest', async () => {
    const event = await runningCtf(app);
    const [first, second] = [await createChallenge(app, event), await createChallenge(app, event)];
    const [a, b] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    await solve(app, event, a, first);
    const client = await sse.connect(`/api/v1/events/${event.slug}/leaderboard/stream`);
    await client.board((board) => board.rows[0].score === 100);
    await recomputesSettled(worker, event.id);
    const before = Math.max(...ids(client));
    const redis = app.app.get<Redis>(REDIS, { strict: false });
    const prefix = process.env.BULLMQ_PREFIX;
    const keys = [...(await redis.keys(`${prefix}:board:${event.id}:*`)), `${prefix}:board-version:${event.id}`];
    expect(keys.length).toBeGreaterThanOrEqual(3);
    await redis.del(...keys);
    // The other instance never read this event: memory and Redis are empty, so its read rebuilds from PostgreSQL.
    expect(ranks(await rowsOf(other, event))).toEqual([
      [a.team.id, 1, 100],
      [b.team.id, 2, 0],
    ]);
    for (const [index, challenge] of [first, second].entries()) {
      await solve(app, event, b, challenge);
      await client.board((board) => board.rows.find((row: Row) => row.teamId === b.team.id)?.score === 100 * (index + 1));
    }
    expect(ranks((await client.board((board) => board.rows[0].score === 200)).rows)).toEqual([
      [b.team.id, 1, 200],
      [a.team.id, 2, 100],
    ]);
    expect(await rowsOf(other, event)).toEqual((await fresh(other, event)).public.boards.all);
    const after = ids(client).slice(ids(client).indexOf(before) + 1);
    expect(after.length).toBeGreaterThan(0);
    // SSE ids are what clients resume from: they must keep rising, never restart below what a client has seen.
    expect(ids(client)).toEqual([...ids(client)].sort((x, y) => x - y));
    expect(Math.min(...after)).toBeGreaterThan(before);
  });

  it('should keep the newer board when a recompute that started before a solve finishes after it', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const team = await ctfTeam(app, event);
    const cache = app.app.get(BoardCache, { strict: false });
    // A slow run (worker concurrency, or an api rebuild) takes its version and reads the standings...
    const slowVersion = await cache.nextVersion(event.id);
    const stale = await fresh(app, event);
    // ...then a team solves and a later run stores the new board...
    await solve(app, event, team, challenge);
    await eventually(async () => ((await rowsOf(other, event))[0]?.score === 100 ? true : undefined));
    // ...and the slow run finishes last: it must not put the older standings back.
    expect(await cache.store(event.id, stale, slowVersion)).toBe(false);
    await sleep(300);
    expect(ranks(await rowsOf(other, event))).toEqual([[team.team.id, 1, 100]]);
    expect(ranks(await rowsOf(app, event))).toEqual([[team.team.id, 1, 100]]);
  });

  it('should serve correct boards and pushes when a private Redis is flushed mid-contest', async () => {
    const redisServer = await privateRedis();
    const saved = process.env.REDIS_URL;
    let privateApp: TestApp | undefined;
    let privateWorker: INestApplicationContext | undefined;
    let privateSse: SseClients | undefined;
    try {
      privateApp = await createTestApp({ REDIS_URL: redisServer.url });
      process.env.REDIS_URL = redisServer.url;
      privateWorker = await startTestWorker().finally(() => (process.env.REDIS_URL = saved));
      const on = privateApp;
      privateSse = new SseClients(on);
      const event = await runningCtf(on);
      const [first, second] = [await createChallenge(on, event), await createChallenge(on, event)];
      const [a, b] = await Promise.all([ctfTeam(on, event), ctfTeam(on, event)]);
      const client = await privateSse.connect(`/api/v1/events/${event.slug}/leaderboard/stream`);
      await solve(on, event, a, first);
      await client.board((board) => board.rows[0].score === 100);
      const before = Math.max(...ids(client));
      // The solve's recompute is still queued (delayed 200 ms) when everything in Redis goes: jobs, boards, versions.
      await solve(on, event, b, first);
      await on.app.get<Redis>(REDIS, { strict: false }).flushall();
      expect(ranks(await rowsOf(on, event))).toEqual([
        [a.team.id, 1, 100],
        [b.team.id, 2, 100],
      ]);
      await client.board((board) => board.rows[1]?.score === 100);
      // Nobody reads now: only the worker (on the flushed queue) can bring this award to the stream.
      await award(on, event, b.team.id, 50);
      await client.board((board) => board.rows[0].teamId === b.team.id && board.rows[0].score === 150, 0, 20_000);
      await solve(on, event, a, second);
      await client.board((board) => board.rows[0].teamId === a.team.id && board.rows[0].score === 200);
      expect(await rowsOf(on, event)).toEqual((await fresh(on, event)).public.boards.all);
      expect(Math.min(...ids(client).slice(ids(client).indexOf(before) + 1))).toBeGreaterThan(before);
    } finally {
      privateSse?.closeAll();
      await privateWorker?.close();
      await privateApp?.close();
      await redisServer.stop();
    }
  });
});
