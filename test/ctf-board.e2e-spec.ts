import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { hoursFromNow, TestEvent } from './factories/event.factory';
import { registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface ListedChallenge {
  id: string;
  name: string;
  attemptsLeft: number | null;
  hints: Array<{ id: string; cost: number; unlocked: boolean; content?: string }>;
  state?: string;
}

// What participants see of the challenges: visibility, prerequisites, hints, attempts left, ordering, the window.
describe('ctf challenge board (participants)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const list = (event: TestEvent, auth: string) => app.http().get(challengesPath(event)).set('Authorization', auth);
  const listed = async (event: TestEvent, auth: string): Promise<ListedChallenge[]> => (await list(event, auth).expect(200)).body;
  const unlock = (event: TestEvent, auth: string, hintId: string) => app.http().post(`/api/v1/events/${event.slug}/hints/${hintId}/unlock`).set('Authorization', auth);

  it('should hide a challenge until its prerequisites are solved when a team lists them', async () => {
    const event = await runningCtf(app);
    const first = await createChallenge(app, event, { name: 'first' });
    const second = await createChallenge(app, event, { name: 'second' });
    const gated = await createChallenge(app, event, { name: 'gated', requirements: ['first', 'second'] });
    const { captain, members } = await ctfTeam(app, event, 2);
    expect((await listed(event, captain.auth)).map((item) => item.name)).toEqual(['first', 'second']);
    await attempt(app, event, captain, gated.id, gated.flag).expect(404);
    await attempt(app, event, captain, gated.id, 'ACS{wrong}').expect(404);
    const log = await app.http().get(`/api/v1/events/${event.slug}/attempts?challengeId=${gated.id}`).set('Authorization', event.organiser.auth).expect(200);
    expect(log.headers['x-total-count']).toBe('0');
    await app
      .http()
      .get(challengesPath(event, `/${gated.id}`))
      .set('Authorization', captain.auth)
      .expect(404);
    await attempt(app, event, captain, first.id, first.flag).expect(200);
    expect((await listed(event, members[0].auth)).map((item) => item.name)).toEqual(['first', 'second']);
    await attempt(app, event, members[0], second.id, second.flag).expect(200);
    expect((await listed(event, captain.auth)).map((item) => item.name)).toEqual(['first', 'gated', 'second']);
    expect((await attempt(app, event, captain, gated.id, gated.flag).expect(200)).body.status).toBe('correct');
    const other = await ctfTeam(app, event);
    expect((await listed(event, other.captain.auth)).map((item) => item.name)).toEqual(['first', 'second']);
  });

  it('should hide a hidden challenge from teams but show it with its state to organisers', async () => {
    const event = await runningCtf(app);
    const open = await createChallenge(app, event, { name: 'open' });
    const hidden = await createChallenge(app, event, { name: 'secret', state: 'hidden' });
    const { captain } = await ctfTeam(app, event);
    expect((await listed(event, captain.auth)).map((item) => item.name)).toEqual(['open']);
    expect((await listed(event, captain.auth))[0].state).toBeUndefined();
    await attempt(app, event, captain, hidden.id, hidden.flag).expect(404);
    await app
      .http()
      .get(challengesPath(event, `/${hidden.id}`))
      .set('Authorization', captain.auth)
      .expect(404);
    const organiserView = await listed(event, event.organiser.auth);
    expect(organiserView.map((item) => [item.name, item.state])).toEqual([
      ['open', 'visible'],
      ['secret', 'hidden'],
    ]);
    await app
      .http()
      .patch(challengesPath(event, `/${hidden.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ state: 'visible' })
      .expect(200);
    expect((await listed(event, captain.auth)).map((item) => item.name)).toEqual(['open', 'secret']);
    expect(open.id).toBeDefined();
  });

  it('should never show a flag when a participant reads challenges, attempts or hints', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, {
      flags: [
        { type: 'static', content: 'ACS{static_secret}' },
        { type: 'regex', content: 'ACS\\{regex_secret_[0-9]+\\}' },
      ],
      hints: [{ content: 'look closer', cost: 0 }],
    });
    const { captain } = await ctfTeam(app, event);
    const bodies = [
      (await list(event, captain.auth).expect(200)).body,
      (
        await app
          .http()
          .get(challengesPath(event, `/${challenge.id}`))
          .set('Authorization', captain.auth)
          .expect(200)
      ).body,
      (await attempt(app, event, captain, challenge.id, 'nope').expect(200)).body,
      (await unlock(event, captain.auth, (await listed(event, captain.auth))[0].hints[0].id).expect(200)).body,
      (await attempt(app, event, captain, challenge.id, 'ACS{regex_secret_7}').expect(200)).body,
      (await list(event, captain.auth).expect(200)).body,
    ];
    for (const body of bodies) {
      expect(JSON.stringify(body)).not.toContain('static_secret');
      expect(JSON.stringify(body)).not.toContain('regex_secret');
      expect(JSON.stringify(body)).not.toContain('flags');
    }
  });

  it('should count attempts left down when the challenge limits wrong attempts', async () => {
    const event = await runningCtf(app);
    const limited = await createChallenge(app, event, { name: 'a-limited', maxAttempts: 3 });
    const unlimited = await createChallenge(app, event, { name: 'b-unlimited' });
    const { captain, members } = await ctfTeam(app, event, 2);
    const left = async (auth: string) => (await listed(event, auth)).map((item) => item.attemptsLeft);
    expect(await left(captain.auth)).toEqual([3, null]);
    await attempt(app, event, captain, limited.id, 'wrong-1').expect(200);
    await attempt(app, event, captain, unlimited.id, 'wrong-1').expect(200);
    expect(await left(captain.auth)).toEqual([2, null]);
    await attempt(app, event, members[0], limited.id, 'wrong-2').expect(200);
    expect(await left(captain.auth)).toEqual([1, null]);
    const other = await ctfTeam(app, event);
    expect(await left(other.captain.auth)).toEqual([3, null]);
  });

  it('should show free hints at once and paid ones only after their unlock', async () => {
    const event = await runningCtf(app);
    await createChallenge(app, event, {
      value: 300,
      hints: [
        { content: 'free words', cost: 0 },
        { content: 'paid words', cost: 50 },
        { content: 'dear words', cost: 100 },
      ],
    });
    const solved = await createChallenge(app, event, { name: 'zz-points', value: 200 });
    const { captain, members } = await ctfTeam(app, event, 2);
    await attempt(app, event, captain, solved.id, solved.flag).expect(200);
    const [{ hints }] = await listed(event, captain.auth);
    expect(hints).toEqual([
      { id: expect.any(String), cost: 0, unlocked: false, content: 'free words' },
      { id: expect.any(String), cost: 50, unlocked: false },
      { id: expect.any(String), cost: 100, unlocked: false },
    ]);
    expect((await unlock(event, members[0].auth, hints[1].id).expect(200)).body).toMatchObject({ content: 'paid words', cost: 50 });
    const after = (await listed(event, captain.auth))[0].hints;
    expect(after[1]).toEqual({ id: hints[1].id, cost: 50, unlocked: true, content: 'paid words' });
    expect(after[2]).toEqual({ id: hints[2].id, cost: 100, unlocked: false });
    const other = await ctfTeam(app, event);
    expect((await listed(event, other.captain.auth))[0].hints[1]).toEqual({ id: hints[1].id, cost: 50, unlocked: false });
    expect((await listed(event, event.organiser.auth))[0].hints.map((hint) => hint.content)).toEqual(['free words', 'paid words', 'dear words']);
  });

  it('should show every hint to everyone when the event has ended', async () => {
    const event = await runningCtf(app);
    await createChallenge(app, event, {
      hints: [
        { content: 'free', cost: 0 },
        { content: 'paid', cost: 50 },
      ],
    });
    const { captain } = await ctfTeam(app, event);
    expect((await listed(event, captain.auth))[0].hints[1].content).toBeUndefined();
    const patched = await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ endsAt: hoursFromNow(-0.1) });
    expect(patched.status).toBe(200);
    const [{ hints }] = await listed(event, captain.auth);
    expect(hints.map((hint) => [hint.content, hint.unlocked])).toEqual([
      ['free', false],
      ['paid', false],
    ]);
  });

  it('should order challenges by position, then category, then name', async () => {
    const event = await runningCtf(app);
    const specs = [
      { name: 'alpha', category: 'web', position: 2 },
      { name: 'zulu', category: 'web', position: 1 },
      { name: 'yankee', category: 'crypto', position: 1 },
      { name: 'bravo', category: 'crypto', position: 1 },
      { name: 'charlie', category: 'binary', position: 1 },
      { name: 'delta', category: 'misc', position: 0 },
    ];
    for (const spec of specs) await createChallenge(app, event, spec);
    const { captain } = await ctfTeam(app, event);
    const expected = ['delta', 'charlie', 'bravo', 'yankee', 'zulu', 'alpha'];
    expect((await listed(event, captain.auth)).map((item) => item.name)).toEqual(expected);
    expect((await listed(event, event.organiser.auth)).map((item) => item.name)).toEqual(expected);
  });

  it('should answer 403 when the caller is in no team of the event', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const registered = await registeredUser(app, event);
    await list(event, registered.auth).expect(403);
    await app
      .http()
      .get(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', registered.auth)
      .expect(403);
    const elsewhere = await runningCtf(app);
    const { captain: outsider } = await ctfTeam(app, elsewhere);
    await list(event, outsider.auth).expect(403);
    await app.http().get(challengesPath(event)).expect(401);
  });

  it('should answer 403 to teams but show organisers everything when the event has not started', async () => {
    const event = await runningCtf(app, { startsAt: hoursFromNow(2), endsAt: hoursFromNow(26) });
    await createChallenge(app, event, { name: 'visible-one' });
    await createChallenge(app, event, { name: 'hidden-one', state: 'hidden' });
    const { captain } = await ctfTeam(app, event);
    const refused = await list(event, captain.auth).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    const organiserView = await listed(event, event.organiser.auth);
    expect(organiserView.map((item) => [item.name, item.state])).toEqual([
      ['hidden-one', 'hidden'],
      ['visible-one', 'visible'],
    ]);
  });
});
