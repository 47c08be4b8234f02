import { createTask, labelledTruth, runningAiEvent } from './factories/ai.factory';
import { attempt, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';

// What the web board reads beside the rows: the task tabs of an AI event, and the projector's ticker of solves.
describe('leaderboard for the web board', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it("should list every task of an AI event with any task's board when anyone reads it", async () => {
    const event = await runningAiEvent(app);
    const truth = labelledTruth(['a', 'b'], ['public', 'private']);
    const fields = (name: string) => ({ name, metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' });
    const first = await createTask(app, event, fields('first-task'), truth);
    const second = await createTask(app, event, fields('second-task'), truth);
    const board = await leaderboard(app, event, `?task=${second.id}`).expect(200);
    expect(board.body).toMatchObject({ taskId: second.id, board: 'public' });
    expect(board.body.tasks).toEqual([
      { id: first.id, name: 'first-task' },
      { id: second.id, name: 'second-task' },
    ]);
  });

  describe('GET /events/:slug/leaderboard/solves (the ticker)', () => {
    const solves = (event: TestEvent, query = '', auth?: string) => {
      const request = app.http().get(`/api/v1/events/${event.slug}/leaderboard/solves${query}`);
      return auth ? request.set('Authorization', auth) : request;
    };
    const solve = async (event: TestEvent, team: CtfTeam, challenge: { id: string; flag: string }) =>
      expect((await attempt(app, event, team.captain, challenge.id, challenge.flag).expect(200)).body).toMatchObject({ status: 'correct' });

    it('should list the latest solves newest first with first bloods marked, and no hidden or banned team', async () => {
      const event = await runningCtf(app);
      const web = await createChallenge(app, event, { name: 'web-ticker' });
      const pwn = await createChallenge(app, event, { name: 'pwn-ticker' });
      const [a, b, hidden, banned] = [await ctfTeam(app, event), await ctfTeam(app, event), await ctfTeam(app, event), await ctfTeam(app, event)];
      // The hidden team solves first: its solve is no first blood on the public boards, nor on the ticker.
      await solve(event, hidden, web);
      await solve(event, a, web);
      await solve(event, b, web);
      await solve(event, b, pwn);
      await solve(event, banned, pwn);
      for (const [team, flag] of [
        [hidden, { hidden: true }],
        [banned, { banned: true }],
      ] as const) {
        await app.http().patch(`/api/v1/events/${event.slug}/teams/${team.team.id}`).set('Authorization', event.organiser.auth).send(flag).expect(200);
      }
      const body = (await solves(event).expect(200)).body as Array<Record<string, unknown>>;
      expect(body.map((row) => [row.teamName, row.challengeName, row.firstBlood])).toEqual([
        [b.team.name, 'pwn-ticker', true],
        [b.team.name, 'web-ticker', false],
        [a.team.name, 'web-ticker', true],
      ]);
      expect(body[0]).toEqual({
        id: expect.any(String),
        teamId: b.team.id,
        teamName: b.team.name,
        challengeId: pwn.id,
        challengeName: 'pwn-ticker',
        at: expect.any(String),
        firstBlood: true,
      });
      expect((await solves(event, '?limit=1').expect(200)).body).toHaveLength(1);
    });

    it('should leave out the challenges hidden now, so a hidden challenge never shows its name', async () => {
      const event = await runningCtf(app);
      const secret = await createChallenge(app, event, { name: 'secret-ticker' });
      const team = await ctfTeam(app, event);
      await solve(event, team, secret);
      await app.http().patch(`/api/v1/events/${event.slug}/challenges/${secret.id}`).set('Authorization', event.organiser.auth).send({ state: 'hidden' }).expect(200);
      expect((await solves(event).expect(200)).body).toEqual([]);
    });

    it('should show the public no solve made during the freeze, and the organisers every one', async () => {
      const event = await runningCtf(app);
      const challenge = await createChallenge(app, event);
      const [before, during] = [await ctfTeam(app, event), await ctfTeam(app, event)];
      await solve(event, before, challenge);
      await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ freezeAt: new Date().toISOString() }).expect(200);
      await solve(event, during, challenge);
      expect((await solves(event).expect(200)).body.map((row: { teamId: string }) => row.teamId)).toEqual([before.team.id]);
      const organiser = (await solves(event, '', event.organiser.auth).expect(200)).body.map((row: { teamId: string }) => row.teamId);
      expect(organiser).toEqual([during.team.id, before.team.id]);
    });

    it('should refuse a limit out of range, naming it, and answer 404 for an event that is not a CTF', async () => {
      const event = await runningCtf(app);
      for (const limit of ['0', '51', 'many']) {
        const refused = await solves(event, `?limit=${limit}`).expect(400);
        expect(JSON.stringify(refused.body.message)).toContain('limit');
      }
      await solves(await runningAiEvent(app)).expect(404);
    });
  });
});
