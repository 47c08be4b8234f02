import { attempt, createChallenge, CtfTeam, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createEvent, TestEvent } from './factories/event.factory';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Solve {
  teamId: string;
  challengeId: string;
  createdAt: string;
}

const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

// The CTFtime scoreboard feed, the score graph, and organisers' announcements.
describe('ctf feeds', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (event: TestEvent, path: string, auth?: string) => {
    const request = app.http().get(`/api/v1/events/${event.slug}/${path}`);
    return auth ? request.set('Authorization', auth) : request;
  };
  const solve = (event: TestEvent, who: CtfTeam, challenge: { id: string; flag: string }) => attempt(app, event, who.captain, challenge.id, challenge.flag).expect(200);
  const award = (event: TestEvent, teamId: string, value: number) =>
    app.http().post(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).send({ teamId, value, reason: 'feed' }).expect(201);
  // When each solve happened, from the organisers' attempt log.
  const solveTimes = async (event: TestEvent): Promise<Solve[]> => (await get(event, 'attempts?verdict=correct', event.organiser.auth).expect(200)).body;

  describe('GET /events/:slug/ctftime.json', () => {
    it('should list visible tasks and per-team task stats in unix seconds when teams have solved', async () => {
      const event = await runningCtf(app);
      const web = await createChallenge(app, event, { name: 'web-100' });
      const crypto = await createChallenge(app, event, { name: 'crypto-dyn', type: 'dynamic', function: 'linear', initial: 200, minimum: 10, decay: 50 });
      await createChallenge(app, event, { name: 'unreleased', state: 'hidden' });
      const [a, b, idle] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event), ctfTeam(app, event)]);
      await solve(event, a, crypto);
      await solve(event, a, web);
      await solve(event, b, crypto);
      await award(event, b.team.id, 5);
      const feed = (await get(event, 'ctftime.json').expect(200)).body;
      expect(Object.keys(feed).sort()).toEqual(['standings', 'tasks']);
      expect(feed.tasks).toEqual(expect.arrayContaining(['web-100', 'crypto-dyn']));
      expect(feed.tasks).toHaveLength(2);
      const times = await solveTimes(event);
      const at = (team: CtfTeam, challengeId: string) => unix((times.find((row) => row.teamId === team.team.id && row.challengeId === challengeId) as Solve).createdAt);
      expect(feed.standings).toEqual([
        {
          pos: 1,
          team: a.team.name,
          score: 250,
          taskStats: { 'crypto-dyn': { points: 150, time: at(a, crypto.id) }, 'web-100': { points: 100, time: at(a, web.id) } },
          lastAccept: at(a, web.id),
        },
        { pos: 2, team: b.team.name, score: 155, taskStats: { 'crypto-dyn': { points: 150, time: at(b, crypto.id) } }, lastAccept: at(b, crypto.id) },
        { pos: 3, team: idle.team.name, score: 0, taskStats: {}, lastAccept: null },
      ]);
      for (const row of feed.standings.slice(0, 2)) expect(Number.isInteger(row.lastAccept)).toBe(true);
      expect(Math.abs(feed.standings[0].lastAccept - Date.now() / 1000)).toBeLessThan(120);
    });

    it('should answer 404 when the event is not a CTF or does not exist', async () => {
      const hackathon = await createEvent(app, { kind: 'hackathon' });
      await get(hackathon, 'ctftime.json').expect(404);
      await app.http().get('/api/v1/events/no-such-event/ctftime.json').expect(404);
    });
  });

  describe('GET /events/:slug/leaderboard/history', () => {
    it('should give the top teams their cumulative score points in time order when top is 2', async () => {
      const event = await runningCtf(app);
      const first = await createChallenge(app, event);
      const second = await createChallenge(app, event, { value: 300 });
      const [a, b, c] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event), ctfTeam(app, event)]);
      await solve(event, a, first);
      await solve(event, b, second);
      await solve(event, c, first);
      await award(event, b.team.id, -50);
      await solve(event, a, second);
      const response = await get(event, 'leaderboard/history?top=2').expect(200);
      expect(response.body.map((team: { teamId: string; teamName: string; rank: number }) => [team.teamId, team.teamName, team.rank])).toEqual([
        [a.team.id, a.team.name, 1],
        [b.team.id, b.team.name, 2],
      ]);
      const [historyA, historyB] = response.body as Array<{ points: Array<{ at: string; score: number }> }>;
      expect(historyA.points.map((point) => point.score)).toEqual([100, 400]);
      expect(historyB.points.map((point) => point.score)).toEqual([300, 250]);
      for (const { points } of [historyA, historyB]) {
        const times = points.map((point) => Date.parse(point.at));
        expect(times.every((time) => !Number.isNaN(time))).toBe(true);
        expect([...times].sort((x, y) => x - y)).toEqual(times);
      }
      const times = await solveTimes(event);
      const solvedAt = (team: CtfTeam, id: string) => times.find((row) => row.teamId === team.team.id && row.challengeId === id)?.createdAt;
      expect(historyA.points.map((point) => point.at)).toEqual([solvedAt(a, first.id), solvedAt(a, second.id)]);
    });

    it('should refuse top when it is outside 1 to 50', async () => {
      const event = await runningCtf(app);
      for (const top of ['0', '51', '-1', 'ten']) await get(event, `leaderboard/history?top=${top}`).expect(400);
      await get(event, 'leaderboard/history?top=50').expect(200);
      await get(event, 'leaderboard/history').expect(200);
    });
  });

  describe('announcements', () => {
    const post = (event: TestEvent, auth: string | null, body: Record<string, unknown>) => {
      const request = app.http().post(`/api/v1/events/${event.slug}/announcements`);
      return (auth ? request.set('Authorization', auth) : request).send(body);
    };

    it('should list announcements publicly newest first when an organiser posts them', async () => {
      const event = await runningCtf(app);
      const created = [];
      for (const title of ['Welcome', 'Hint for web-100', 'Freeze in one hour']) {
        const response = await post(event, event.organiser.auth, { title, body: `**${title}**` }).expect(201);
        expect(response.body).toEqual({ id: expect.any(String), title, body: `**${title}**`, createdAt: expect.any(String) });
        created.push(response.body);
      }
      const list = await get(event, 'announcements').expect(200);
      expect(list.headers['x-total-count']).toBe('3');
      expect(list.body).toEqual([...created].reverse());
      const page = await get(event, 'announcements?limit=1&offset=1').expect(200);
      expect([page.headers['x-total-count'], page.body.map((item: { title: string }) => item.title)]).toEqual(['3', ['Hint for web-100']]);
      const other = await runningCtf(app);
      const empty = await get(other, 'announcements').expect(200);
      expect([empty.headers['x-total-count'], empty.body]).toEqual(['0', []]);
    });

    it('should refuse to post when the caller is not an organiser of the event or the body is invalid', async () => {
      const event = await runningCtf(app);
      const other = await runningCtf(app);
      const { captain } = await ctfTeam(app, event);
      const stranger = await registerUser(app);
      await post(event, captain.auth, { title: 'x', body: 'y' }).expect(403);
      await post(event, stranger.auth, { title: 'x', body: 'y' }).expect(403);
      await post(event, other.organiser.auth, { title: 'x', body: 'y' }).expect(403);
      await post(event, null, { title: 'x', body: 'y' }).expect(401);
      await post(event, event.organiser.auth, { title: '', body: 'y' }).expect(400);
      await post(event, event.organiser.auth, { title: 'x' }).expect(400);
      await app.http().post('/api/v1/events/no-such-event/announcements').set('Authorization', event.organiser.auth).send({ title: 'x', body: 'y' }).expect(404);
      expect((await get(event, 'announcements').expect(200)).body).toEqual([]);
    });
  });
});
