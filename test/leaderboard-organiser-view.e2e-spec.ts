import { attempt, createChallenge, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { hoursFromNow } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';

// During a freeze organisers read the live board by default and, with `view=public`, the board everyone else sees
// (the console shows both side by side); nobody else can ask for the live one.
describe('leaderboard views for organisers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const scores = (body: { rows: Array<{ teamId: string; score: number }> }) => body.rows.map((row) => [row.teamId, row.score]);

  it('should give organisers the public (frozen) board on view=public and the live one otherwise, and participants never the live one', async () => {
    const event = await runningCtf(app, { freezeAt: hoursFromNow(-0.5) });
    const challenge = await createChallenge(app, event);
    const { team, captain } = await ctfTeam(app, event);
    await attempt(app, event, captain, challenge.id, challenge.flag).expect(200);
    const live = (await leaderboard(app, event, '', event.organiser.auth).expect(200)).body;
    expect([live.frozen, scores(live)]).toEqual([true, [[team.id, 100]]]);
    const asPublic = (await leaderboard(app, event, '?view=public', event.organiser.auth).expect(200)).body;
    expect([asPublic.frozen, scores(asPublic)]).toEqual([true, [[team.id, 0]]]);
    for (const auth of [captain.auth, undefined]) {
      const seen = (await leaderboard(app, event, '?view=live', auth).expect(200)).body;
      expect(scores(seen)).toEqual([[team.id, 0]]);
    }
    await leaderboard(app, event, '?view=everything', event.organiser.auth).expect(400);
  });
});
