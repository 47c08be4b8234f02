import { BoardCache, LeaderboardService } from '@arena/leaderboard';
import { EventsService } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { attempt, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { TestUser } from './factories/user.factory';
import { recomputesSettled } from './utils/board-recomputes';
import { SseClient, SseClients } from './utils/sse-client';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';

interface Board {
  frozen: boolean;
  rows: Array<{ teamId: string; score: number }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const scoreOf = (board: Board, teamId: string) => board.rows.find((row) => row.teamId === teamId)?.score;

// A stream's rights are those of its token: resolved once at connect, for as long as the token lives. Pushes fan out
// per view, so a thousand signed-in clients cost no query each.
describe('leaderboard streams: rights and fan-out', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let sse: SseClients;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
    sse = new SseClients(app);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    sse.closeAll();
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const streamPath = (event: TestEvent, token?: string) => `/api/v1/events/${event.slug}/leaderboard/stream${token ? `?access_token=${token}` : ''}`;
  const solve = (event: TestEvent, who: CtfTeam, challenge: { id: string; flag: string }) => attempt(app, event, who.captain, challenge.id, challenge.flag).expect(200);
  // The user's own claims in a token that expires in a few seconds (JWT_ACCESS_TTL_SECONDS is 15 minutes).
  const shortToken = (user: TestUser, seconds: number) => {
    const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString()) as { sub: string; role: string; gen?: number };
    return app.app.get(JwtService, { strict: false }).sign({ sub: claims.sub, role: claims.role, gen: claims.gen }, { expiresIn: seconds });
  };

  it('should end a demoted organiser’s live stream when its token expires and give the reconnect the frozen rows', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const [early, late] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    await solve(event, early, challenge);
    await sleep(20);
    await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ freezeAt: new Date().toISOString() }).expect(200);
    await sleep(20);
    await solve(event, late, challenge);
    expect(scoreOf((await leaderboard(app, event, '', event.organiser.auth).expect(200)).body, late.team.id)).toBe(100);
    const organiser = await sse.connect(streamPath(event, shortToken(event.organiser, 3)));
    expect(organiser.status).toBe(200);
    expect(scoreOf(await organiser.board(), late.team.id)).toBe(100);
    // Removed from the event's staff while the stream is open.
    await app.app.get(DataSource).query('DELETE FROM event_staff WHERE event_id = $1 AND user_id = $2', [event.id, event.organiser.id]);
    await organiser.ended(10_000);
    expect(organiser.frames.at(-1)).toMatchObject({ event: 'reconnect', data: JSON.stringify({ reason: 'token-expired' }) });
    const again = await sse.connect(streamPath(event, event.organiser.accessToken));
    const board: Board = await again.board();
    expect([board.frozen, scoreOf(board, early.team.id), scoreOf(board, late.team.id)]).toEqual([true, 100, 0]);
  });

  it('should check nobody’s rights and read each board once per view when a push reaches many signed-in clients', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const teams = await Promise.all(Array.from({ length: 4 }, () => ctfTeam(app, event)));
    const tokens = [...teams.map((team) => team.captain.accessToken), event.organiser.accessToken, event.organiser.accessToken, undefined];
    const clients: SseClient[] = [];
    for (const token of tokens) clients.push(await sse.connect(streamPath(event, token)));
    for (const client of clients) await client.board();
    const versions = new Set<number>();
    const unsubscribe = await app.app.get(BoardCache, { strict: false }).subscribe(event.id, (version) => versions.add(version));
    // The setup's recomputes are done (their pushes read the board within moments of the announcement, before the
    // solve below): the versions and reads counted after the solve are the solve's.
    await recomputesSettled(worker, event.id);
    await sleep(200);
    const organiserChecks = jest.spyOn(app.app.get(EventsService, { strict: false }), 'isOrganiser');
    const teamLookups = jest.spyOn(app.app.get(TeamsService, { strict: false }), 'teamOf');
    const boardRights = jest.spyOn(app.app.get(TeamsService, { strict: false }), 'canSeeBoards');
    const reads = jest.spyOn(app.app.get(LeaderboardService, { strict: false }), 'readView');
    await solve(event, teams[0], challenge);
    // The attempt itself may look its caller up; only what the pushes do is counted.
    for (const spy of [organiserChecks, teamLookups, boardRights, reads]) spy.mockClear();
    versions.clear();
    for (const client of clients) await client.board((board: Board) => scoreOf(board, teams[0].team.id) === 100);
    await sleep(500);
    unsubscribe();
    expect([organiserChecks.mock.calls.length, teamLookups.mock.calls.length, boardRights.mock.calls.length]).toEqual([0, 0, 0]);
    // Two views (the organisers' live one, everyone else's public one): at most one read each per version.
    expect(versions.size).toBeGreaterThan(0);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(2 * versions.size);
  });

  // The attack: anonymous clients spell the same public board differently (`?view=live`, which they are not granted,
  // the defaults written out, another order) to make the api read and serialise it once per spelling on every push.
  it('should push one board read to anonymous streams whatever spelling of the public board they asked for', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const team = await ctfTeam(app, event);
    const base = `/api/v1/events/${event.slug}/leaderboard/stream`;
    const clients: SseClient[] = [];
    for (const query of ['', '?view=live', '?view=public', '?limit=50&offset=0', '?offset=0&limit=50']) clients.push(await sse.connect(`${base}${query}`));
    for (const client of clients) await client.board();
    const reads = jest.spyOn(app.app.get(LeaderboardService, { strict: false }), 'readView');
    await solve(event, team, challenge);
    // Every client has had a push of the solve's board, so every audience has read it at least once.
    for (const client of clients) await client.board((board: Board) => scoreOf(board, team.team.id) === 100);
    // Each audience reads with the query it was opened with (the setup's late pushes too): one audience, one query.
    const audiences = new Set(reads.mock.calls.filter(([readEvent]) => readEvent.id === event.id).map(([, , query]) => query));
    expect(audiences.size).toBe(1);
  });
});
