import { DataSource } from 'typeorm';
import { attempt, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Once a team solved a challenge, its further submissions (right flags skip the brake, wrong ones answer
// already_solved past it) are counted on one already_solved row: a player cannot fill the attempts table.
describe('ctf resubmissions after a solve', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const rowsOf = async (challengeId: string, teamId: string): Promise<Array<{ verdict: string; count: number }>> =>
    app.app.get(DataSource).query(`SELECT verdict, count FROM attempts WHERE challenge_id = $1 AND team_id = $2 ORDER BY created_at`, [challengeId, teamId]);

  it('should answer already_solved and add no row when a team resubmits 200 right and wrong flags after its solve', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { value: 100 });
    const { team, captain, members } = await ctfTeam(app, event, 4);
    expect((await attempt(app, event, captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'correct', value: 100 });
    const players = [captain, ...members];
    // 100 right flags and 100 wrong ones (past the brake of 10 a minute), several at once, from every member.
    for (let wave = 0; wave < 4; wave += 1) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          attempt(app, event, players[index % players.length], challenge.id, index % 2 ? challenge.flag : `${'x'.repeat(990)}-${wave}-${index}`),
        ),
      );
      expect(answers.map((answer) => `${answer.status} ${answer.body.status} ${answer.body.value}`)).toEqual(Array(50).fill('200 already_solved 100'));
    }
    expect(await rowsOf(challenge.id, team.id)).toEqual([
      { verdict: 'correct', count: 1 },
      { verdict: 'already_solved', count: 200 },
    ]);
    const log = await app.http().get(`/api/v1/events/${event.slug}/attempts?challengeId=${challenge.id}`).set('Authorization', event.organiser.auth).expect(200);
    expect(log.headers['x-total-count']).toBe('2');
    const resubmitted = log.body.find((row: { verdict: string }) => row.verdict === 'already_solved');
    expect(resubmitted).toMatchObject({ teamId: team.id, count: 200 });
    expect(Date.parse(resubmitted.lastAt)).toBeGreaterThanOrEqual(Date.parse(resubmitted.createdAt));
  });

  it("should still store another team's attempts as rows of their own when one team resubmits", async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const solver = await ctfTeam(app, event);
    const other = await ctfTeam(app, event);
    await attempt(app, event, solver.captain, challenge.id, challenge.flag).expect(200);
    for (const submission of ['again', challenge.flag]) await attempt(app, event, solver.captain, challenge.id, submission).expect(200);
    for (const submission of ['guess-1', 'guess-2']) expect((await attempt(app, event, other.captain, challenge.id, submission).expect(200)).body.status).toBe('incorrect');
    expect((await attempt(app, event, other.captain, challenge.id, challenge.flag).expect(200)).body.status).toBe('correct');
    expect((await attempt(app, event, other.captain, challenge.id, 'after').expect(200)).body.status).toBe('already_solved');
    expect(await rowsOf(challenge.id, solver.team.id)).toEqual([
      { verdict: 'correct', count: 1 },
      { verdict: 'already_solved', count: 2 },
    ]);
    expect(await rowsOf(challenge.id, other.team.id)).toEqual([
      { verdict: 'incorrect', count: 1 },
      { verdict: 'incorrect', count: 1 },
      { verdict: 'correct', count: 1 },
      { verdict: 'already_solved', count: 1 },
    ]);
  });
});
