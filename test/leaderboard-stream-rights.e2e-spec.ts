import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { BoardCache, LeaderboardService, LeaderboardStreamService } from '@arena/leaderboard';
import { EventsService, TokenRevocations } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { labelledTruth, postSubmission, postTask, predictionsCsv, runningAiEvent, settled } from './factories/ai.factory';
import { attempt, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { loginAdmin, registerUser, TestUser } from './factories/user.factory';
import { recomputesSettled } from './utils/board-recomputes';
import { SseClient, SseClients } from './utils/sse-client';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

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
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
    sse = new SseClients(app);
    admin = await loginAdmin(app);
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

  const patchUser = (id: string, body: object) => app.http().patch(`/api/v1/users/${id}`).set('Authorization', admin.auth).send(body).expect(200);
  const framesOf = (client: SseClient, event: string) => client.frames.filter((frame) => frame.event === event).map((frame) => JSON.parse(frame.data));
  const revoked = { event: 'reconnect', data: JSON.stringify({ reason: 'token-revoked' }) };

  /** A new user made platform admin (so organiser of every event), signed in again so the token says admin. */
  async function secondAdmin(): Promise<TestUser> {
    const user = await registerUser(app);
    await patchUser(user.id, { role: 'admin' });
    const { body } = await app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
    return { ...user, accessToken: body.accessToken, refreshToken: body.refreshToken, auth: `Bearer ${body.accessToken}` };
  }

  /** A running CTF frozen between two teams' solves: the live board shows `late`'s, the public one does not. */
  async function frozenCtf() {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const [early, late, after] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event), ctfTeam(app, event)]);
    await solve(event, early, challenge);
    await sleep(20);
    await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ freezeAt: new Date().toISOString() }).expect(200);
    await sleep(20);
    await solve(event, late, challenge);
    return { event, challenge, early, late, after };
  }

  // The attack: an admin who sees the demotion coming opens the live board (a header token, or `?access_token=`)
  // and keeps watching the unfrozen standings for the 15 minutes the token has left.
  it.each(['header', 'query'])('should end a demoted admin’s live stream (token in the %s) at once, before any later board', async (where) => {
    const rogue = await secondAdmin();
    const { event, challenge, late, after } = await frozenCtf();
    const live = await sse.connect(streamPath(event, where === 'query' ? rogue.accessToken : undefined), where === 'header' ? { headers: { Authorization: rogue.auth } } : {});
    expect(live.status).toBe(200);
    // The live view: the solve made during the freeze counts.
    await live.board((seen: Board) => scoreOf(seen, late.team.id) === 100);

    await patchUser(rogue.id, { role: 'user' });
    await live.ended(10_000);
    expect(live.frames.at(-1)).toMatchObject(revoked);
    // A solve after the demotion reaches the organiser's live board, never the ended stream.
    await solve(event, after, challenge);
    await eventually(async () => (scoreOf((await leaderboard(app, event, '', event.organiser.auth).expect(200)).body, after.team.id) === 100 ? true : undefined), 10_000);
    expect(live.boards.map((seen: Board) => scoreOf(seen, after.team.id))).not.toContain(100);
    // Reconnecting with the revoked token gets the public, frozen board (a query token no longer identifies anyone).
    const again = await sse.connect(streamPath(event, rogue.accessToken));
    const reopened: Board = await again.board();
    expect([reopened.frozen, scoreOf(reopened, late.team.id), scoreOf(reopened, after.team.id)]).toEqual([true, 0, 0]);
  });

  it('should end a stream when another api process revokes its token (through Redis), and leave other users’ open', async () => {
    const rogue = await secondAdmin();
    const { event } = await frozenCtf();
    const [theirs, others] = [await sse.connect(streamPath(event, rogue.accessToken)), await sse.connect(streamPath(event, event.organiser.accessToken))];
    await Promise.all([theirs.board(), others.board()]);
    const other = new TokenRevocations(app.app.get<Redis>(REDIS), app.app.get(AppConfig));
    const { gen } = JSON.parse(Buffer.from(rogue.accessToken.split('.')[1], 'base64url').toString()) as { gen?: number };
    await other.revoke(rogue.id, (gen ?? 0) + 1);
    await theirs.ended(10_000);
    expect(theirs.frames.at(-1)).toMatchObject(revoked);
    // The organiser's stream is untouched: it still gets boards.
    await app.http().post(`/api/v1/events/${event.slug}/announcements`).set('Authorization', event.organiser.auth).send({ title: 'Still here', body: 'x' }).expect(201);
    await eventually(async () => (framesOf(others, 'announcement').length ? true : undefined), 10_000);
    expect(others.closed).toBe(false);
  });

  // Should the revocation's message be missed (the listener failing, say), the heartbeat (every 15 s) checks again.
  it('should end a revoked token’s stream at the next heartbeat when the revocation’s listener missed it', async () => {
    const member = await registerUser(app);
    const event = await runningCtf(app);
    const stream = await sse.connect(streamPath(event, member.accessToken));
    await stream.board();
    const streams = app.app.get(LeaderboardStreamService, { strict: false });
    jest.spyOn(streams as unknown as { endRevoked: (userId: string) => void }, 'endRevoked').mockImplementation(() => undefined);
    await patchUser(member.id, { disabled: true });
    await stream.ended(40_000);
    expect(stream.frames.at(-1)).toMatchObject(revoked);
  }, 60_000);

  it('should end a disabled member’s stream at once, so their team’s submission messages stop reaching it', async () => {
    const event = await runningAiEvent(app);
    const task = await postTask(app, event, {
      fields: { name: 'labels', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' },
      files: { groundTruth: { content: labelledTruth(['a', 'b'], ['public', 'private']), filename: 'truth.csv' } },
    }).expect(201);
    const team = await ctfTeam(app, event, 2);
    const [stayer, disabled] = [team.captain, team.members[0]];
    const staying = await sse.connect(streamPath(event, stayer.accessToken));
    const gone = await sse.connect(streamPath(event, disabled.accessToken));
    await Promise.all([staying.board(), gone.board()]);

    await patchUser(disabled.id, { disabled: true });
    await gone.ended(10_000);
    expect(gone.frames.at(-1)).toMatchObject(revoked);
    const accepted = await postSubmission(app, event, stayer, task.body.id, predictionsCsv(['a', 'a'])).expect(202);
    await settled(app, stayer, accepted.body.id);
    await eventually(async () => (framesOf(staying, 'submission').some((message) => message.status === 'scored') ? true : undefined), 10_000);
    expect(framesOf(gone, 'submission')).toEqual([]);
    expect(staying.closed).toBe(false);
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
    // The setup's recomputes are done and so are their pushes (each within BOARD_PUSH_INTERVAL_MS of its announcement,
    // before the solve below): the versions and reads counted after the solve are the solve's.
    await recomputesSettled(worker, event.id);
    await sleep(200);
    const streams = app.app.get(LeaderboardStreamService, { strict: false });
    await eventually(async () => (streams.pushesPending === 0 ? true : undefined), 10_000, 20);
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
