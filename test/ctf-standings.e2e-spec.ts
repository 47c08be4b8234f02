import { challengeValue, ValueFunction } from '@arena/scoring';
import { DataSource } from 'typeorm';
import { attempt, challengesPath, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTeam, registeredUser, teamsPath } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Row {
  rank: number;
  teamId: string;
  teamName: string;
  division: string | null;
  score: number;
  lastScoredAt: string | null;
}

// Values, ordering, tie-breaks, awards, hints, first blood and divisions, all checked on the board through the API.
describe('ctf standings', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const teams = (event: TestEvent, count: number) => Promise.all(Array.from({ length: count }, () => ctfTeam(app, event)));
  const rows = async (event: TestEvent, query = ''): Promise<Row[]> => (await leaderboard(app, event, query).expect(200)).body.rows;
  const scores = async (event: TestEvent) => (await rows(event)).map((row) => [row.teamId, row.rank, row.score]);
  const listItem = async (event: TestEvent, auth: string, id: string) =>
    (await app.http().get(challengesPath(event)).set('Authorization', auth).expect(200)).body.find((item: { id: string }) => item.id === id);
  const solve = async (event: TestEvent, who: CtfTeam, challenge: { id: string; flag: string }) =>
    (await attempt(app, event, who.captain, challenge.id, challenge.flag).expect(200)).body;
  const award = (event: TestEvent, teamId: string, value: number, auth = event.organiser.auth) =>
    app.http().post(`/api/v1/events/${event.slug}/awards`).set('Authorization', auth).send({ teamId, value, reason: 'test' });
  const hide = (event: TestEvent, teamId: string) =>
    app
      .http()
      .patch(teamsPath(event, `/${teamId}`))
      .set('Authorization', event.organiser.auth)
      .send({ hidden: true })
      .expect(200);

  // After each solve: the attempt answer, the list, and every solver's score hold the formula's value.
  async function solveOneAfterAnother(event: TestEvent, challengeId: string, flag: string, solvers: CtfTeam[], expected: (solves: number) => number) {
    for (const [index, solver] of solvers.entries()) {
      const value = expected(index + 1);
      expect(await solve(event, solver, { id: challengeId, flag })).toEqual({ status: 'correct', value });
      expect(await listItem(event, solver.captain.auth, challengeId)).toMatchObject({ value, solves: index + 1, solvedByMe: true });
      const board = new Map((await rows(event)).map((row) => [row.teamId, row.score]));
      solvers.forEach((team, other) => expect([other, board.get(team.team.id)]).toEqual([other, other <= index ? value : 0]));
    }
  }

  describe('dynamic values', () => {
    it('should give every solver the logarithmic formula value when 12 teams solve one after another', async () => {
      const event = await runningCtf(app);
      const params = { function: ValueFunction.Logarithmic, value: 0, initial: 500, minimum: 100, decay: 30 };
      const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'logarithmic', initial: 500, minimum: 100, decay: 30 });
      const solvers = await teams(event, 12);
      const expected = (solves: number) => challengeValue(params, solves);
      // Cross-check the formula against scoring.md's worked numbers (after 1, 2, 5, 10 solves).
      expect([1, 2, 5, 10].map(expected)).toEqual([500, 500, 493, 464]);
      await solveOneAfterAnother(event, challenge.id, challenge.flag, solvers, expected);
      expect((await rows(event)).map((row) => row.score)).toEqual(Array(12).fill(expected(12)));
    }, 90_000);

    it('should lower a linear value by the decay per solve after the first when 6 teams solve it', async () => {
      const event = await runningCtf(app);
      const params = { function: ValueFunction.Linear, value: 0, initial: 100, minimum: 1, decay: 5 };
      const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 5 });
      const solvers = await teams(event, 6);
      expect([1, 2, 3, 4, 5, 6].map((solves) => challengeValue(params, solves))).toEqual([100, 95, 90, 85, 80, 75]);
      await solveOneAfterAnother(event, challenge.id, challenge.flag, solvers, (solves) => challengeValue(params, solves));
    });

    it('should neither lower the value nor list the team when a hidden team solves', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 5 });
      const [banned, first, second] = await teams(event, 3);
      await hide(event, banned.team.id);
      expect(await solve(event, banned, challenge)).toEqual({ status: 'correct', value: 100 });
      expect(await solve(event, first, challenge)).toEqual({ status: 'correct', value: 100 });
      expect(await solve(event, second, challenge)).toEqual({ status: 'correct', value: 95 });
      expect(await listItem(event, first.captain.auth, challenge.id)).toMatchObject({
        value: 95,
        solves: 2,
        firstBlood: { teamId: first.team.id, teamName: first.team.name },
      });
      const board = await leaderboard(app, event).expect(200);
      expect(board.body.total).toBe(2);
      expect(board.body.rows.map((row: Row) => [row.teamId, row.rank, row.score])).toEqual([
        [first.team.id, 1, 95],
        [second.team.id, 2, 95],
      ]);
    });

    it('should raise the value back when an organiser hides a team that had solved', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 5 });
      const [cheater, honest] = await teams(event, 2);
      await solve(event, cheater, challenge);
      expect(await solve(event, honest, challenge)).toEqual({ status: 'correct', value: 95 });
      await hide(event, cheater.team.id);
      expect(await scores(event)).toEqual([[honest.team.id, 1, 100]]);
      expect(await listItem(event, honest.captain.auth, challenge.id)).toMatchObject({ value: 100, solves: 1 });
    });
  });

  describe('order and tie-breaks', () => {
    it('should rank equal scores by who reached them first and zero-score teams last on one rank when teams solve in turn', async () => {
      const event = await runningCtf(app);
      const big = await createChallenge(app, event);
      const small = await createChallenge(app, event, { value: 50 });
      const [a, b, c, d, e, f] = await teams(event, 6);
      await solve(event, b, big);
      await solve(event, a, big);
      await award(event, b.team.id, 0).expect(201); // worth 0: ignored by the tie-break
      await solve(event, c, small);
      await award(event, d.team.id, 50).expect(201);
      const board = await leaderboard(app, event).expect(200);
      expect(board.body.total).toBe(6);
      expect(board.body.rows.slice(0, 4).map((row: Row) => [row.teamId, row.rank, row.score])).toEqual([
        [b.team.id, 1, 100],
        [a.team.id, 2, 100],
        [c.team.id, 3, 50],
        [d.team.id, 4, 50],
      ]);
      expect(board.body.rows.slice(4).map((row: Row) => [row.rank, row.score, row.lastScoredAt])).toEqual([
        [5, 0, null],
        [5, 0, null],
      ]);
      expect(new Set(board.body.rows.slice(4).map((row: Row) => row.teamId))).toEqual(new Set([e.team.id, f.team.id]));
      const page = await leaderboard(app, event, '?offset=2&limit=2').expect(200);
      expect(page.body.total).toBe(6);
      expect(page.body.rows.map((row: Row) => [row.teamId, row.rank])).toEqual([
        [c.team.id, 3],
        [d.team.id, 4],
      ]);
      expect((await rows(event, '?offset=4')).map((row) => row.rank)).toEqual([5, 5]);
      // A negative award drops B under A.
      await award(event, b.team.id, -10).expect(201);
      expect((await scores(event)).slice(0, 2)).toEqual([
        [a.team.id, 1, 100],
        [b.team.id, 2, 90],
      ]);
    });

    it('should count awards and their time in the tie-break and forget a deleted award when organisers grant and remove them', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event);
      const [a, b] = await teams(event, 2);
      await solve(event, a, challenge);
      await award(event, b.team.id, 100).expect(201);
      expect(await scores(event)).toEqual([
        [a.team.id, 1, 100],
        [b.team.id, 2, 100],
      ]);
      const plus = (await award(event, a.team.id, 25).expect(201)).body;
      expect(plus).toMatchObject({ id: expect.any(String), teamId: a.team.id, value: 25, reason: 'test', kind: 'manual' });
      const minus = (await award(event, a.team.id, -25).expect(201)).body;
      // A is back at 100 but reached it after B.
      expect(await scores(event)).toEqual([
        [b.team.id, 1, 100],
        [a.team.id, 2, 100],
      ]);
      const list = await app.http().get(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).expect(200);
      expect(list.headers['x-total-count']).toBe('3');
      expect(list.body.map((item: { value: number }) => item.value)).toEqual([-25, 25, 100]);
      const remove = (id: string) => app.http().delete(`/api/v1/events/${event.slug}/awards/${id}`).set('Authorization', event.organiser.auth);
      await remove(plus.id).expect(204);
      expect(await scores(event)).toEqual([
        [b.team.id, 1, 100],
        [a.team.id, 2, 75],
      ]);
      await remove(minus.id).expect(204);
      await remove(minus.id).expect(404);
      expect(await scores(event)).toEqual([
        [a.team.id, 1, 100],
        [b.team.id, 2, 100],
      ]);
    });

    it('should deduct a hint cost as a negative award when a team unlocks a hint', async () => {
      const event = await runningCtf(app);
      const first = await createChallenge(app, event);
      const second = await createChallenge(app, event, { hints: [{ content: 'look closer', cost: 10 }] });
      const [a, b] = await teams(event, 2);
      await solve(event, a, first);
      await solve(event, b, first);
      const hintId = (await listItem(event, a.captain.auth, second.id)).hints[0].id;
      await app.http().post(`/api/v1/events/${event.slug}/hints/${hintId}/unlock`).set('Authorization', a.captain.auth).expect(200);
      expect(await scores(event)).toEqual([
        [b.team.id, 1, 100],
        [a.team.id, 2, 90],
      ]);
      const list = await app.http().get(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ teamId: a.team.id, value: -10, kind: 'hint' })]);
      await solve(event, a, second);
      expect(await scores(event)).toEqual([
        [a.team.id, 1, 190],
        [b.team.id, 2, 100],
      ]);
    });

    it('should give the first-blood bonus to the first solver only when the event sets one', async () => {
      const event = await runningCtf(app, { ctf: { firstBloodBonus: 10 } });
      const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 5 });
      const [a, b, c] = await teams(event, 3);
      for (const team of [a, b, c]) await solve(event, team, challenge);
      expect(await scores(event)).toEqual([
        [a.team.id, 1, 100],
        [b.team.id, 2, 90],
        [c.team.id, 3, 90],
      ]);
      const item = await listItem(event, c.captain.auth, challenge.id);
      expect(item.firstBlood).toEqual({ teamId: a.team.id, teamName: a.team.name, at: expect.any(String) });
      // The solve and its bonus are one instant: one point on the graph, one task in the feed.
      const history = await app.http().get(`/api/v1/events/${event.slug}/leaderboard/history?top=1`).expect(200);
      expect(history.body[0].points).toEqual([{ at: item.firstBlood.at, score: 100 }]);
      const feed = await app.http().get(`/api/v1/events/${event.slug}/ctftime.json`).expect(200);
      expect(feed.body.standings[0].taskStats).toEqual({ [challenge.name]: { points: 100, time: Math.floor(Date.parse(item.firstBlood.at) / 1000) } });
    });
  });

  describe('equal score and time', () => {
    it('should order teams whose score and time tie by the id of their latest row, first bloods and awards included', async () => {
      const event = await runningCtf(app, { ctf: { firstBloodBonus: 10 } });
      const x = await createChallenge(app, event, { value: 100 });
      const y = await createChallenge(app, event, { value: 100 });
      const [early, a, b, c, idle] = await teams(event, 5);
      await award(event, early.team.id, 110).expect(201);
      await solve(event, a, x); // 100 + first blood 10
      await solve(event, b, y); // 100 + first blood 10
      await award(event, c.team.id, 110).expect(201);
      // All three reach 110 at one instant, after the early team did.
      const db = app.app.get(DataSource);
      const tied = [a.team.id, b.team.id, c.team.id];
      const at = new Date(Date.now() + 1000);
      await db.query('UPDATE solves SET created_at = $2 WHERE team_id = ANY($1::uuid[])', [tied, at]);
      await db.query('UPDATE awards SET created_at = $2 WHERE team_id = ANY($1::uuid[])', [tied, at]);
      // The rule of scoring.md, by PostgreSQL's own text order: the greatest id of each team's rows at that instant.
      const expected: Array<{ team_id: string }> = await db.query(
        `SELECT team_id FROM (
           SELECT team_id, id::text AS row_id FROM solves WHERE team_id = ANY($1::uuid[])
           UNION ALL SELECT team_id, 'fb-' || id FROM solves WHERE id = ANY($2::uuid[])
           UNION ALL SELECT team_id, id::text FROM awards WHERE team_id = ANY($1::uuid[])
         ) AS latest GROUP BY team_id ORDER BY max(row_id)`,
        [tied, (await db.query('SELECT id FROM solves WHERE team_id = ANY($1::uuid[])', [tied])).map((row: { id: string }) => row.id)],
      );
      await award(event, idle.team.id, 0).expect(201); // a change, so the board is computed again
      expect((await scores(event)).slice(0, 4)).toEqual([[early.team.id, 1, 110], ...expected.map((row, index) => [row.team_id, index + 2, 110])]);
      const board = await rows(event);
      expect(board.slice(1, 4).map((row) => row.lastScoredAt)).toEqual(Array(3).fill(at.toISOString()));
      expect(board.slice(4).map((row) => [row.teamId, row.rank, row.score])).toEqual([[idle.team.id, 5, 0]]);
    });
  });

  describe('awards access', () => {
    it('should refuse awards to non-organisers and unknown teams when they are posted', async () => {
      const event = await runningCtf(app);
      const other = await runningCtf(app);
      const [{ team, captain }] = await teams(event, 1);
      const [stranger] = await teams(other, 1);
      await award(event, team.id, 10, captain.auth).expect(403);
      await award(event, team.id, 10, other.organiser.auth).expect(403);
      await app.http().get(`/api/v1/events/${event.slug}/awards`).set('Authorization', captain.auth).expect(403);
      await award(event, '00000000-0000-4000-8000-000000000000', 10).expect(404);
      await award(event, stranger.team.id, 10).expect(404);
      await app.http().post(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).send({ teamId: team.id, value: 1 }).expect(400);
      const granted = (await award(event, team.id, 10).expect(201)).body;
      await app.http().delete(`/api/v1/events/${event.slug}/awards/${granted.id}`).set('Authorization', captain.auth).expect(403);
      expect(await scores(event)).toEqual([[team.id, 1, 10]]);
    });
  });

  describe('divisions', () => {
    it('should rank each division on its own board when a division is asked for', async () => {
      const event = await runningCtf(app, { divisions: ['general', 'student'] });
      const teamIn = async (division: string) => {
        const captain = await registeredUser(app, event);
        return { captain, members: [], team: await createTeam(app, event, captain, { division }) };
      };
      const [g1, g2, s1, s2] = await Promise.all([teamIn('general'), teamIn('general'), teamIn('student'), teamIn('student')]);
      const small = await createChallenge(app, event);
      const large = await createChallenge(app, event, { value: 200 });
      await solve(event, g1, small);
      await solve(event, g1, large);
      await solve(event, s1, large);
      await solve(event, s2, small);
      const overall = await rows(event);
      expect(overall.map((row) => [row.teamId, row.rank, row.score, row.division])).toEqual([
        [g1.team.id, 1, 300, 'general'],
        [s1.team.id, 2, 200, 'student'],
        [s2.team.id, 3, 100, 'student'],
        [g2.team.id, 4, 0, 'general'],
      ]);
      const student = await leaderboard(app, event, '?division=student').expect(200);
      expect(student.body.total).toBe(2);
      expect(student.body.rows.map((row: Row) => [row.teamId, row.rank, row.score])).toEqual([
        [s1.team.id, 1, 200],
        [s2.team.id, 2, 100],
      ]);
      expect((await rows(event, '?division=general')).map((row) => [row.teamId, row.rank])).toEqual([
        [g1.team.id, 1],
        [g2.team.id, 2],
      ]);
    });
  });
});
