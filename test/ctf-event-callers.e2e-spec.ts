import { BoardCaller, ChallengesRepository } from '../libs/ctf/src/challenges/challenges.repository';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

// The event-wide member load (a contest's first challenge lists) reads every member in one statement of scans by
// event; it must answer, member by member, what the per-user read answers, and nothing of another event.
describe('ctf board callers, the whole event at once', () => {
  let app: TestApp;
  let repository: ChallengesRepository;

  beforeAll(async () => {
    app = await createTestApp();
    repository = app.app.get(ChallengesRepository);
  });

  afterAll(async () => {
    await app.close();
  });

  it('should answer every member as the per-user read does: teams, organisers, solves, wrong counts and unlocked hints', async () => {
    const event = await runningCtf(app);
    const points = await createChallenge(app, event, { value: 100 });
    const capped = await createChallenge(app, event, { maxAttempts: 5 });
    const hinted = await createChallenge(app, event, { hints: [{ content: 'look closer', cost: 10 }] });
    const [a, b, c] = await Promise.all([ctfTeam(app, event, 3), ctfTeam(app, event), ctfTeam(app, event, 2)]);
    const loner = await registeredUser(app, event); // registered, in no team
    await attempt(app, event, a.captain, points.id, points.flag).expect(200);
    await attempt(app, event, a.members[0], capped.id, 'ACS{wrong}').expect(200);
    await attempt(app, event, a.members[1], capped.id, 'ACS{wrong-again}').expect(200);
    const [hint] = (await app.http().get(challengesPath(event)).set('Authorization', a.captain.auth).expect(200)).body.find((item: { id: string }) => item.id === hinted.id).hints;
    await app.http().post(`/api/v1/events/${event.slug}/hints/${hint.id}/unlock`).set('Authorization', a.members[0].auth).expect(200);
    await attempt(app, event, b.captain, capped.id, 'ACS{wrong}').expect(200);
    await app.http().patch(`/api/v1/events/${event.slug}/teams/${b.team.id}`).set('Authorization', event.organiser.auth).send({ banned: true }).expect(200);
    await app.http().patch(`/api/v1/events/${event.slug}/teams/${c.team.id}`).set('Authorization', event.organiser.auth).send({ hidden: true }).expect(200);
    // A member made organiser plays no more: no team, no progress (as the per-user read says).
    await app.http().post(`/api/v1/events/${event.slug}/staff`).set('Authorization', event.organiser.auth).send({ email: c.members[0].email, role: 'organizer' }).expect(201);
    // A deleted challenge's wrong flags are no one's progress.
    const deleted = await createChallenge(app, event);
    await attempt(app, event, a.captain, deleted.id, 'ACS{wrong}').expect(200);
    await app
      .http()
      .delete(challengesPath(event, `/${deleted.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(204);
    // Another event's team with its own solve must not show, nor a member's role there.
    const elsewhere = await runningCtf(app);
    const foreign = await createChallenge(app, elsewhere);
    const stranger = await ctfTeam(app, elsewhere);
    await attempt(app, elsewhere, stranger.captain, foreign.id, foreign.flag).expect(200);
    await app.http().post(`/api/v1/events/${elsewhere.slug}/staff`).set('Authorization', elsewhere.organiser.auth).send({ email: b.captain.email, role: 'organizer' }).expect(201);

    const members = [a.captain, ...a.members, b.captain, c.captain, ...c.members].map((user) => user.id);
    const all = await repository.eventCallers(event.id, 100);
    expect(all && [...all.keys()].sort()).toEqual([...members].sort());
    expect(all).toEqual(await repository.boardCallers(event.id, members));
    expect(all?.has(loner.id)).toBe(false);
    expect(all?.has(stranger.captain.id)).toBe(false);

    const progress = { solved: new Set([points.id]), wrong: new Map([[capped.id, 2]]), unlocked: new Set([hint.id]) };
    for (const user of [a.captain, ...a.members])
      expect(all?.get(user.id)).toEqual<BoardCaller>({ organiser: false, team: { id: a.team.id, hidden: false, banned: false }, progress });
    expect(all?.get(b.captain.id)).toEqual<BoardCaller>({
      organiser: false,
      team: { id: b.team.id, hidden: false, banned: true },
      progress: { solved: new Set(), wrong: new Map([[capped.id, 1]]), unlocked: new Set() },
    });
    expect(all?.get(c.captain.id)?.team).toEqual({ id: c.team.id, hidden: true, banned: false });
    expect(all?.get(c.members[0].id)).toEqual<BoardCaller>({ organiser: true, team: null, progress: { solved: new Set(), wrong: new Map(), unlocked: new Set() } });
  });

  it('should answer null over the cap and an empty map for an event without teams', async () => {
    const event = await runningCtf(app);
    await Promise.all([ctfTeam(app, event, 2), ctfTeam(app, event)]);
    expect(await repository.eventCallers(event.id, 2)).toBeNull();
    expect((await repository.eventCallers(event.id, 3))?.size).toBe(3);
    expect(await repository.eventCallers((await runningCtf(app)).id, 10)).toEqual(new Map());
  });
});
