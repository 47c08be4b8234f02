import { attempt, challengesPath, createChallenge, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { registeredUser, teamsPath } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Hint unlocks: the cost is a negative award charged once per team, never beyond the team's score.
describe('ctf hints', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const unlock = (event: TestEvent, auth: string, hintId: string) => app.http().post(`/api/v1/events/${event.slug}/hints/${hintId}/unlock`).set('Authorization', auth);
  const hintIds = async (event: TestEvent, challengeId: string): Promise<string[]> =>
    (
      await app
        .http()
        .get(challengesPath(event, `/${challengeId}`))
        .set('Authorization', event.organiser.auth)
        .expect(200)
    ).body.hints.map((hint: { id: string }) => hint.id);
  const scoreOf = async (event: TestEvent, teamId: string): Promise<number> =>
    (await leaderboard(app, event).expect(200)).body.rows.find((row: { teamId: string }) => row.teamId === teamId).score;
  const hintAwards = async (event: TestEvent) =>
    (await app.http().get(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).expect(200)).body.filter(
      (award: { kind: string }) => award.kind === 'hint',
    );

  /** A running CTF with a 100-point challenge solved by a fresh team of two, and a challenge with hints. */
  async function solvedTeam(hints: Array<{ content: string; cost: number }>) {
    const event = await runningCtf(app);
    const points = await createChallenge(app, event, { value: 100 });
    const hinted = await createChallenge(app, event, { hints });
    const team = await ctfTeam(app, event, 2);
    await attempt(app, event, team.captain, points.id, points.flag).expect(200);
    return { event, team, hinted, hints: await hintIds(event, hinted.id) };
  }

  it('should deduct the cost once when a team unlocks a hint twice', async () => {
    const { event, team, hints } = await solvedTeam([{ content: 'look at the headers', cost: 30 }]);
    expect(await scoreOf(event, team.team.id)).toBe(100);
    const first = await unlock(event, team.captain.auth, hints[0]).expect(200);
    expect(first.body).toMatchObject({ content: 'look at the headers', cost: 30 });
    expect(await scoreOf(event, team.team.id)).toBe(70);
    await unlock(event, team.captain.auth, hints[0]).expect(200);
    const byMember = await unlock(event, team.members[0].auth, hints[0]).expect(200);
    expect(byMember.body).toMatchObject({ content: 'look at the headers', cost: 30 });
    expect(await scoreOf(event, team.team.id)).toBe(70);
    expect(await hintAwards(event)).toEqual([expect.objectContaining({ teamId: team.team.id, value: -30, kind: 'hint' })]);
  });

  it('should answer 409 and charge nothing when the cost exceeds the team score', async () => {
    const { event, team, hints } = await solvedTeam([
      { content: 'too dear', cost: 101 },
      { content: 'just right', cost: 100 },
    ]);
    const refused = await unlock(event, team.captain.auth, hints[0]).expect(409);
    expect(JSON.stringify(refused.body)).not.toContain('too dear');
    expect(await scoreOf(event, team.team.id)).toBe(100);
    const list = await app.http().get(challengesPath(event)).set('Authorization', team.captain.auth).expect(200);
    const hinted = list.body.find((item: { hints: unknown[] }) => item.hints.length > 0);
    expect(hinted.hints[0]).toEqual({ id: hints[0], cost: 101, unlocked: false });
    await unlock(event, team.captain.auth, hints[1]).expect(200);
    expect(await scoreOf(event, team.team.id)).toBe(0);
    const poor = await ctfTeam(app, event);
    await unlock(event, poor.captain.auth, hints[1]).expect(409);
  });

  it('should unlock a free hint without deducting anything', async () => {
    const { event, team, hints } = await solvedTeam([{ content: 'free words', cost: 0 }]);
    const unlocked = await unlock(event, team.captain.auth, hints[0]).expect(200);
    expect(unlocked.body).toMatchObject({ content: 'free words', cost: 0 });
    const pointless = await ctfTeam(app, event);
    await unlock(event, pointless.captain.auth, hints[0]).expect(200);
    expect(await scoreOf(event, team.team.id)).toBe(100);
    expect(await hintAwards(event)).toEqual([]);
  });

  it('should answer 404 when the hint belongs to a challenge the team cannot see', async () => {
    const event = await runningCtf(app);
    const points = await createChallenge(app, event, { value: 500 });
    const hidden = await createChallenge(app, event, { state: 'hidden', hints: [{ content: 'hidden hint', cost: 1 }] });
    const locked = await createChallenge(app, event, { requirements: [hidden.name], hints: [{ content: 'locked hint', cost: 1 }] });
    const { captain, team } = await ctfTeam(app, event);
    await attempt(app, event, captain, points.id, points.flag).expect(200);
    const [hiddenHint] = await hintIds(event, hidden.id);
    const [lockedHint] = await hintIds(event, locked.id);
    for (const hintId of [hiddenHint, lockedHint, '00000000-0000-4000-8000-000000000000']) {
      const response = await unlock(event, captain.auth, hintId).expect(404);
      expect(JSON.stringify(response.body)).not.toMatch(/hidden hint|locked hint/);
    }
    const elsewhere = await solvedTeam([{ content: 'foreign', cost: 1 }]);
    await unlock(event, captain.auth, elsewhere.hints[0]).expect(404);
    expect(await scoreOf(event, team.id)).toBe(500);
  });

  it('should keep a team unlock when the organiser edits the hint set around it', async () => {
    const { event, team, hinted, hints } = await solvedTeam([
      { content: 'kept', cost: 20 },
      { content: 'dropped', cost: 5 },
    ]);
    await unlock(event, team.captain.auth, hints[0]).expect(200);
    const hintSet = [
      { content: 'added', cost: 0 },
      { content: 'kept', cost: 20 },
    ];
    await app
      .http()
      .patch(challengesPath(event, `/${hinted.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ hints: hintSet })
      .expect(200);
    const [added, kept] = await hintIds(event, hinted.id);
    expect(kept).toBe(hints[0]);
    expect(added).not.toBe(hints[1]);
    const list = await app
      .http()
      .get(challengesPath(event, `/${hinted.id}`))
      .set('Authorization', team.captain.auth)
      .expect(200);
    expect(list.body.hints).toEqual([
      { id: added, cost: 0, unlocked: false, content: 'added' },
      { id: kept, cost: 20, unlocked: true, content: 'kept' },
    ]);
    await unlock(event, team.members[0].auth, kept).expect(200);
    await unlock(event, team.members[0].auth, hints[1]).expect(404);
    expect(await scoreOf(event, team.team.id)).toBe(80);
  });

  it('should charge nothing when a team unlocks a hint after the event has ended', async () => {
    const { event, team, hints } = await solvedTeam([{ content: 'late words', cost: 40 }]);
    await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ endsAt: new Date(Date.now() - 60_000).toISOString() })
      .expect(200);
    expect((await unlock(event, team.captain.auth, hints[0]).expect(200)).body).toMatchObject({ content: 'late words', cost: 40 });
    expect(await scoreOf(event, team.team.id)).toBe(100);
    expect(await hintAwards(event)).toEqual([]);
  });

  it('should charge one and refuse the other with 409 when two unlocks race with a score enough for one', async () => {
    const { event, team, hints } = await solvedTeam([
      { content: 'sixty', cost: 60 },
      { content: 'fifty', cost: 50 },
    ]);
    const [first, second] = await Promise.all([unlock(event, team.captain.auth, hints[0]), unlock(event, team.members[0].auth, hints[1])]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const won = (first.status === 200 ? first : second).body.cost as number;
    expect((await hintAwards(event)).map((award: { value: number }) => award.value)).toEqual([-won]);
    expect(await scoreOf(event, team.team.id)).toBe(100 - won);
  });

  it("should check the team's score as the board counts it: current values, first bloods and awards", async () => {
    const event = await runningCtf(app, { ctf: { firstBloodBonus: 5 } });
    const decaying = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 10, decay: 10 });
    const hinted = await createChallenge(app, event, {
      hints: [
        { content: 'dear', cost: 106 },
        { content: 'exact', cost: 105 },
      ],
    });
    const [first, ...others] = [await ctfTeam(app, event), await ctfTeam(app, event), await ctfTeam(app, event)];
    for (const team of [first, ...others]) await attempt(app, event, team.captain, decaying.id, decaying.flag).expect(200);
    await app
      .http()
      .post(`/api/v1/events/${event.slug}/awards`)
      .set('Authorization', event.organiser.auth)
      .send({ teamId: first.team.id, value: 20, reason: 'writeup' })
      .expect(201);
    // 80 (three solves: 100 - 10 × 2) + 5 (first blood) + 20 (award).
    expect(await scoreOf(event, first.team.id)).toBe(105);
    const [dear, exact] = await hintIds(event, hinted.id);
    await unlock(event, first.captain.auth, dear).expect(409);
    await unlock(event, first.captain.auth, exact).expect(200);
    expect(await scoreOf(event, first.team.id)).toBe(0);
  });

  it('should let a hidden team spend its own points, as it still plays', async () => {
    const { event, team, hints } = await solvedTeam([
      { content: 'staff hint', cost: 40 },
      { content: 'too dear', cost: 61 },
    ]);
    await app
      .http()
      .patch(teamsPath(event, `/${team.team.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ hidden: true })
      .expect(200);
    expect((await unlock(event, team.captain.auth, hints[0]).expect(200)).body).toMatchObject({ content: 'staff hint', cost: 40 });
    await unlock(event, team.captain.auth, hints[1]).expect(409);
    expect(await hintAwards(event)).toEqual([expect.objectContaining({ teamId: team.team.id, value: -40 })]);
  });

  it('should answer 403 when the caller is in no team of the event', async () => {
    const { event, hints } = await solvedTeam([{ content: 'x', cost: 0 }]);
    const loner = await registeredUser(app, event);
    await unlock(event, loner.auth, hints[0]).expect(403);
    await unlock(event, event.organiser.auth, hints[0]).expect(403);
    await app.http().post(`/api/v1/events/${event.slug}/hints/${hints[0]}/unlock`).expect(401);
  });
});
