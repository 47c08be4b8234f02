import { attempt, challengesPath, createChallenge, CtfTeam, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { joinTeam, registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Hint {
  id: string;
  cost: number;
  unlocked: boolean;
  content?: string;
}

interface Item {
  id: string;
  value: number;
  solves: number;
  solvedByMe: boolean;
  attemptsLeft: number | null;
  hints: Hint[];
  firstBlood: { teamId: string } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The list keeps event-wide facts in memory and reads each team's own progress fresh: every read below follows a
// read that warmed those caches, so a list cached per team (or not refreshed by a write) would fail.
describe('ctf challenge list, per team and at once', () => {
  let app: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    [app, other] = await Promise.all([createTestApp(), createTestApp()]);
  });

  afterAll(async () => {
    await Promise.all([app.close(), other.close()]);
  });

  const list = async (event: TestEvent, auth: string, through = app): Promise<Map<string, Item>> =>
    new Map((await through.http().get(challengesPath(event)).set('Authorization', auth).expect(200)).body.map((item: Item) => [item.id, item]));
  const item = async (event: TestEvent, auth: string, id: string, through = app): Promise<Item | undefined> => (await list(event, auth, through)).get(id);

  async function twoTeams(body: Record<string, unknown> = {}) {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, body);
    const [a, b]: CtfTeam[] = await Promise.all([ctfTeam(app, event, 2), ctfTeam(app, event)]);
    return { event, challenge, a, b };
  }

  it('should show a solve to the solving team at its next read and not to another team when both listed before', async () => {
    const { event, challenge, a, b } = await twoTeams({ type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 5 });
    for (const auth of [a.captain.auth, a.members[0].auth, b.captain.auth])
      expect(await item(event, auth, challenge.id)).toMatchObject({ solvedByMe: false, solves: 0, value: 100 });
    await attempt(app, event, a.captain, challenge.id, challenge.flag).expect(200);
    expect(await item(event, a.members[0].auth, challenge.id)).toMatchObject({ solvedByMe: true, solves: 1, firstBlood: { teamId: a.team.id } });
    expect(await item(event, b.captain.auth, challenge.id)).toMatchObject({ solvedByMe: false, solves: 1, firstBlood: { teamId: a.team.id } });
    await attempt(app, event, b.captain, challenge.id, challenge.flag).expect(200);
    expect(await item(event, b.captain.auth, challenge.id)).toMatchObject({ solvedByMe: true, solves: 2, value: 95 });
  });

  it('should lower attemptsLeft at the next read when the team sends a wrong flag', async () => {
    const { event, challenge, a, b } = await twoTeams({ maxAttempts: 3 });
    expect((await item(event, a.captain.auth, challenge.id))?.attemptsLeft).toBe(3);
    await attempt(app, event, a.members[0], challenge.id, 'ACS{wrong}').expect(200);
    expect((await item(event, a.captain.auth, challenge.id))?.attemptsLeft).toBe(2);
    expect((await item(event, b.captain.auth, challenge.id))?.attemptsLeft).toBe(3);
  });

  it('should show a hint content at the next read when the team unlocks it', async () => {
    const event = await runningCtf(app);
    const points = await createChallenge(app, event, { value: 100 });
    const hinted = await createChallenge(app, event, { hints: [{ content: 'look closer', cost: 10 }] });
    const [a, b] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    await attempt(app, event, a.captain, points.id, points.flag).expect(200);
    const [hint] = (await item(event, a.captain.auth, hinted.id))?.hints ?? [];
    expect(hint).toEqual({ id: expect.any(String), cost: 10, unlocked: false });
    await app.http().post(`/api/v1/events/${event.slug}/hints/${hint.id}/unlock`).set('Authorization', a.captain.auth).expect(200);
    expect((await item(event, a.captain.auth, hinted.id))?.hints).toEqual([{ id: hint.id, cost: 10, unlocked: true, content: 'look closer' }]);
    expect((await item(event, b.captain.auth, hinted.id))?.hints).toEqual([{ id: hint.id, cost: 10, unlocked: false }]);
  });

  it('should list a locked challenge to a team at its next read when it solves the requirement', async () => {
    const event = await runningCtf(app);
    const first = await createChallenge(app, event);
    const locked = await createChallenge(app, event, { requirements: [first.name] });
    const [a, b] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event)]);
    expect(await item(event, a.captain.auth, locked.id)).toBeUndefined();
    await attempt(app, event, a.captain, first.id, first.flag).expect(200);
    expect(await item(event, a.captain.auth, locked.id)).toMatchObject({ solvedByMe: false });
    expect(await item(event, b.captain.auth, locked.id)).toBeUndefined();
  });

  it('should stop counting a team solves at the next read when an organiser hides it', async () => {
    const { event, challenge, a, b } = await twoTeams();
    await attempt(app, event, a.captain, challenge.id, challenge.flag).expect(200);
    expect(await item(event, b.captain.auth, challenge.id)).toMatchObject({ solves: 1, firstBlood: { teamId: a.team.id } });
    await app.http().patch(`/api/v1/events/${event.slug}/teams/${a.team.id}`).set('Authorization', event.organiser.auth).send({ hidden: true }).expect(200);
    expect(await item(event, b.captain.auth, challenge.id)).toMatchObject({ solves: 0, firstBlood: null });
    expect(await item(event, a.captain.auth, challenge.id)).toMatchObject({ solves: 0, solvedByMe: true });
  });

  it('should show participants the frozen value but organisers the live one when a team solves after the freeze', async () => {
    const { event, challenge, a, b } = await twoTeams({ type: 'dynamic', function: 'linear', initial: 100, minimum: 1, decay: 5 });
    await attempt(app, event, a.captain, challenge.id, challenge.flag).expect(200);
    await sleep(20);
    const freezeAt = new Date().toISOString();
    await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ freezeAt }).expect(200);
    await sleep(20);
    for (const auth of [b.captain.auth, event.organiser.auth]) expect(await item(event, auth, challenge.id)).toMatchObject({ solves: 1, value: 100 });
    await attempt(app, event, b.captain, challenge.id, challenge.flag).expect(200);
    expect(await item(event, b.captain.auth, challenge.id)).toMatchObject({ solves: 1, value: 100, solvedByMe: true });
    expect(await item(event, a.captain.auth, challenge.id)).toMatchObject({ solves: 1, value: 100, solvedByMe: true });
    expect(await item(event, event.organiser.auth, challenge.id)).toMatchObject({ solves: 2, value: 95 });
  });

  it('should show a solve taken by another api process at the team next read on this one', async () => {
    const { event, challenge, a, b } = await twoTeams({ maxAttempts: 5 });
    for (const auth of [a.captain.auth, b.captain.auth]) expect(await item(event, auth, challenge.id)).toMatchObject({ solvedByMe: false, attemptsLeft: 5 });
    await attempt(other, event, a.members[0], challenge.id, 'ACS{wrong}').expect(200);
    expect(await item(event, a.captain.auth, challenge.id)).toMatchObject({ solvedByMe: false, attemptsLeft: 4 });
    await attempt(other, event, a.members[0], challenge.id, challenge.flag).expect(200);
    expect(await item(event, a.captain.auth, challenge.id)).toMatchObject({ solvedByMe: true });
    expect(await item(event, b.captain.auth, challenge.id)).toMatchObject({ solvedByMe: false, attemptsLeft: 5 });
  });

  it('should list to a newcomer at once when they join a team, and refuse a team at once when it is banned, on another api process', async () => {
    const { event, challenge, a } = await twoTeams();
    const newcomer = await registeredUser(app, event);
    await app.http().get(challengesPath(event)).set('Authorization', newcomer.auth).expect(403);
    await joinTeam(other, event, newcomer, a.team.inviteCode);
    expect(await item(event, newcomer.auth, challenge.id)).toMatchObject({ solvedByMe: false });
    await other.http().patch(`/api/v1/events/${event.slug}/teams/${a.team.id}`).set('Authorization', event.organiser.auth).send({ banned: true }).expect(200);
    await app.http().get(challengesPath(event)).set('Authorization', newcomer.auth).expect(403);
    await app.http().get(challengesPath(event)).set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('should judge the next attempt by the new flag when an organiser changes it', async () => {
    const { event, challenge, a, b } = await twoTeams();
    // Warms the challenges this process keeps for attempts, and the solve keeps them (a solve changes no definition).
    await attempt(app, event, b.captain, challenge.id, challenge.flag).expect(200);
    await app
      .http()
      .patch(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ flags: [{ type: 'static', content: 'ACS{new}' }] })
      .expect(200);
    expect((await attempt(app, event, a.captain, challenge.id, challenge.flag).expect(200)).body.status).toBe('incorrect');
    expect((await attempt(app, event, a.captain, challenge.id, 'ACS{new}').expect(200)).body.status).toBe('correct');
  });
});
