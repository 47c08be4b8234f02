import { attempt, challengesPath, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { hoursFromNow, TestEvent } from './factories/event.factory';
import { registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Row {
  rank: number;
  teamId: string;
  score: number;
}

interface Item {
  id: string;
  value: number;
  solves: number;
  solvedByMe: boolean;
  firstBlood: { teamId: string } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The freeze: everyone but organisers sees standings, values and solve counts as at freezeAt.
describe('ctf freeze and board visibility', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const board = async (event: TestEvent, auth?: string) => (await leaderboard(app, event, '', auth).expect(200)).body;
  const ranks = (body: { rows: Row[] }) => body.rows.map((row) => [row.teamId, row.rank, row.score]);
  const items = async (event: TestEvent, auth: string): Promise<Map<string, Item>> =>
    new Map((await app.http().get(challengesPath(event)).set('Authorization', auth).expect(200)).body.map((item: Item) => [item.id, item]));
  const get = (event: TestEvent, path: string, auth?: string) => {
    const request = app.http().get(`/api/v1/events/${event.slug}/${path}`);
    return auth ? request.set('Authorization', auth) : request;
  };

  /**
   * Team A solves the linear 100/1/5 challenge `dynamic` before the freeze; the freeze starts; then team B solves
   * `dynamic` (live value 95 for both) and the static `late`, and A gets an award.
   */
  async function frozenEvent() {
    const event = await runningCtf(app);
    const dynamic = await createChallenge(app, event, { type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 5 });
    const late = await createChallenge(app, event);
    const [a, b]: CtfTeam[] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    expect((await attempt(app, event, a.captain, dynamic.id, dynamic.flag).expect(200)).body).toEqual({ status: 'correct', value: 100 });
    await sleep(20);
    const freezeAt = new Date().toISOString();
    await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ freezeAt }).expect(200);
    await sleep(20);
    // The participant's answer is the frozen value too, as the board shows it.
    expect((await attempt(app, event, b.captain, dynamic.id, dynamic.flag).expect(200)).body).toEqual({ status: 'correct', value: 100 });
    expect((await attempt(app, event, b.captain, late.id, late.flag).expect(200)).body).toEqual({ status: 'correct', value: 100 });
    await app.http().post(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).send({ teamId: a.team.id, value: 1000, reason: 'late' }).expect(201);
    return { event, dynamic, late, a, b };
  }

  it('should show the board as at freezeAt to the public and participants but live rows to organisers when teams solve after the freeze', async () => {
    const { event, a, b } = await frozenEvent();
    const frozenRows = [
      [a.team.id, 1, 100],
      [b.team.id, 2, 0],
    ];
    const anonymous = await board(event);
    expect(anonymous.frozen).toBe(true);
    expect(ranks(anonymous)).toEqual(frozenRows);
    for (const viewer of [a.captain, b.captain]) {
      const seen = await board(event, viewer.auth);
      expect([seen.frozen, ranks(seen)]).toEqual([true, frozenRows]);
    }
    const live = await board(event, event.organiser.auth);
    expect(live.frozen).toBe(true);
    expect(ranks(live)).toEqual([
      [a.team.id, 1, 1095],
      [b.team.id, 2, 195],
    ]);
  });

  it('should show frozen values and solve counts but a team its own late solves when participants list challenges during the freeze', async () => {
    const { event, dynamic, late, a, b } = await frozenEvent();
    const mine = await items(event, b.captain.auth);
    expect(mine.get(dynamic.id)).toMatchObject({ value: 100, solves: 1, solvedByMe: true, firstBlood: { teamId: a.team.id } });
    expect(mine.get(late.id)).toMatchObject({ value: 100, solves: 0, solvedByMe: true, firstBlood: null });
    const theirs = await items(event, a.captain.auth);
    expect(theirs.get(dynamic.id)).toMatchObject({ value: 100, solves: 1, solvedByMe: true });
    expect(theirs.get(late.id)).toMatchObject({ solves: 0, solvedByMe: false });
    const organiser = await items(event, event.organiser.auth);
    expect(organiser.get(dynamic.id)).toMatchObject({ value: 95, solves: 2 });
    expect(organiser.get(late.id)).toMatchObject({ value: 100, solves: 1, firstBlood: { teamId: b.team.id } });
    // A repeated submission during the freeze is answered with the frozen value as well.
    expect((await attempt(app, event, a.captain, dynamic.id, dynamic.flag).expect(200)).body).toEqual({ status: 'already_solved', value: 100 });
  });

  it('should keep the CTFtime feed and the score history at freezeAt for everyone but organisers when the event is frozen', async () => {
    const { event, dynamic, late, a, b } = await frozenEvent();
    const feed = (await get(event, 'ctftime.json').expect(200)).body;
    expect(feed.standings.map((row: { team: string; score: number; pos: number }) => [row.team, row.pos, row.score])).toEqual([
      [a.team.name, 1, 100],
      [b.team.name, 2, 0],
    ]);
    expect(Object.keys(feed.standings[0].taskStats)).toEqual([dynamic.name]);
    expect(feed.standings[1]).toMatchObject({ taskStats: {}, lastAccept: null });
    const liveFeed = (await get(event, 'ctftime.json', event.organiser.auth).expect(200)).body;
    expect(liveFeed.standings[1]).toMatchObject({ team: b.team.name, score: 195 });
    expect(liveFeed.standings[1].taskStats).toEqual({
      [dynamic.name]: { points: 95, time: expect.any(Number) },
      [late.name]: { points: 100, time: expect.any(Number) },
    });
    const scoresOf = (history: Array<{ teamId: string; points: Array<{ score: number }> }>) => history.map((team) => [team.teamId, team.points.map((point) => point.score)]);
    expect(scoresOf((await get(event, 'leaderboard/history?top=5', b.captain.auth).expect(200)).body)).toEqual([
      [a.team.id, [100]],
      [b.team.id, []],
    ]);
    expect(scoresOf((await get(event, 'leaderboard/history?top=5', event.organiser.auth).expect(200)).body)).toEqual([
      [a.team.id, [95, 1095]],
      [b.team.id, [95, 195]],
    ]);
  });

  it('should show live standings and frozen false when freezeAt is still ahead', async () => {
    const event = await runningCtf(app, { freezeAt: hoursFromNow(1) });
    const challenge = await createChallenge(app, event);
    const { team, captain } = await ctfTeam(app, event);
    await attempt(app, event, captain, challenge.id, challenge.flag).expect(200);
    for (const auth of [undefined, captain.auth, event.organiser.auth]) {
      const seen = await board(event, auth);
      expect([seen.frozen, ranks(seen)]).toEqual([false, [[team.id, 1, 100]]]);
    }
  });

  describe('leaderboardVisibility', () => {
    const paths = ['leaderboard', 'leaderboard/history', 'ctftime.json'];

    it('should show the boards only to team members and organisers when visibility is participants', async () => {
      const event = await runningCtf(app, { leaderboardVisibility: 'participants' });
      const { captain } = await ctfTeam(app, event);
      const loner = await registeredUser(app, event);
      for (const path of paths) {
        await get(event, path).expect(404);
        await get(event, path, loner.auth).expect(404);
        await get(event, path, captain.auth).expect(200);
        await get(event, path, event.organiser.auth).expect(200);
      }
    });

    it('should show the boards only to organisers when visibility is organisers', async () => {
      const event = await runningCtf(app, { leaderboardVisibility: 'organisers' });
      const { captain } = await ctfTeam(app, event);
      for (const path of paths) {
        await get(event, path).expect(404);
        await get(event, path, captain.auth).expect(404);
        await get(event, path, event.organiser.auth).expect(200);
      }
    });
  });
});
