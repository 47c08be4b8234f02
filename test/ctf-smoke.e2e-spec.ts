import { attempt, createChallenge, ctfTeam, leaderboard, runningCtf, challengesPath } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';

describe('ctf (a first walk through)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should score a solve on the board when a team submits the right flag', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, {
      hints: [
        { content: 'free', cost: 0 },
        { content: 'paid', cost: 10 },
      ],
    });
    const { captain, team } = await ctfTeam(app, event, 2);
    const wrong = await attempt(app, event, captain, challenge.id, 'nope').expect(200);
    expect(wrong.body).toEqual({ status: 'incorrect', value: 100 });
    const right = await attempt(app, event, captain, challenge.id, `  ${challenge.flag} `).expect(200);
    expect(right.body).toEqual({ status: 'correct', value: 100 });
    const again = await attempt(app, event, captain, challenge.id, challenge.flag).expect(200);
    expect(again.body.status).toBe('already_solved');
    const list = await app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(200);
    expect(list.body[0]).toMatchObject({ id: challenge.id, value: 100, solves: 1, solvedByMe: true, attemptsLeft: null });
    expect(list.body[0].hints).toEqual([
      { id: expect.any(String), cost: 0, unlocked: false, content: 'free' },
      { id: expect.any(String), cost: 10, unlocked: false },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(challenge.flag);
    const unlock = await app.http().post(`/api/v1/events/${event.slug}/hints/${list.body[0].hints[1].id}/unlock`).set('Authorization', captain.auth).expect(200);
    expect(unlock.body).toMatchObject({ content: 'paid', cost: 10 });
    const board = await leaderboard(app, event).expect(200);
    expect(board.body).toMatchObject({ eventId: event.id, frozen: false, rows: [{ rank: 1, teamId: team.id, score: 90 }] });
    const feed = await app.http().get(`/api/v1/events/${event.slug}/ctftime.json`).expect(200);
    expect(feed.body.standings[0]).toMatchObject({ pos: 1, team: team.name, score: 90 });
    const history = await app.http().get(`/api/v1/events/${event.slug}/leaderboard/history?top=5`).expect(200);
    expect(history.body[0].points.map((point: { score: number }) => point.score)).toEqual([100, 90]);
  });
});
