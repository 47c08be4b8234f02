import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createEvent, TestEvent } from './factories/event.factory';
import { registerOrganizer, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Challenge definitions through the organiser API: create, read, update, delete and their refusals.
describe('ctf challenges (organiser CRUD)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (event: TestEvent, body: Record<string, unknown>, auth = event.organiser.auth) => app.http().post(challengesPath(event)).set('Authorization', auth).send(body);
  const getOne = (event: TestEvent, id: string, user: { auth: string } = event.organiser) =>
    app
      .http()
      .get(challengesPath(event, `/${id}`))
      .set('Authorization', user.auth);
  const patch = (event: TestEvent, id: string, body: Record<string, unknown>, auth = event.organiser.auth) =>
    app
      .http()
      .patch(challengesPath(event, `/${id}`))
      .set('Authorization', auth)
      .send(body);
  const base = { category: 'crypto', description: 'xor it', type: 'standard', value: 100, flags: [{ type: 'static', content: 'ACS{base}' }] };

  it('should store every contract field when an organiser creates a challenge', async () => {
    const event = await runningCtf(app);
    const warmup = await createChallenge(app, event, { name: 'warmup' });
    const body = {
      name: 'rsa-baby',
      category: 'crypto',
      description: 'small e',
      type: 'dynamic',
      initial: 500,
      minimum: 100,
      decay: 30,
      function: 'linear',
      flags: [
        { type: 'static', content: 'ACS{e_is_3}', caseInsensitive: true },
        { type: 'regex', content: 'ACS\\{rsa_[0-9]+\\}' },
      ],
      hints: [
        { content: 'cube root', cost: 0 },
        { content: 'use gmpy2', cost: 50 },
      ],
      requirements: ['warmup'],
      maxAttempts: 7,
      state: 'hidden',
      connectionInfo: 'nc rsa.acs.test 1337',
      author: 'kim',
      tags: ['rsa', 'beginner'],
      position: 3,
    };
    const created = await post(event, body).expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'rsa-baby',
      category: 'crypto',
      description: 'small e',
      type: 'dynamic',
      function: 'linear',
      initial: 500,
      minimum: 100,
      decay: 30,
      value: 500,
      requirements: ['warmup'],
      maxAttempts: 7,
      state: 'hidden',
      connectionInfo: 'nc rsa.acs.test 1337',
      author: 'kim',
      tags: ['rsa', 'beginner'],
      position: 3,
      solves: 0,
      files: [],
      firstBlood: null,
    });
    const detail = await getOne(event, created.body.id).expect(200);
    expect(detail.body).toEqual(created.body);
    expect(detail.body.flags).toEqual([
      { id: expect.any(String), type: 'static', content: 'ACS{e_is_3}', caseInsensitive: true },
      { id: expect.any(String), type: 'regex', content: 'ACS\\{rsa_[0-9]+\\}', caseInsensitive: false },
    ]);
    expect(detail.body.hints).toEqual([
      { id: expect.any(String), cost: 0, unlocked: false, content: 'cube root' },
      { id: expect.any(String), cost: 50, unlocked: false, content: 'use gmpy2' },
    ]);
    expect(warmup.id).not.toBe(created.body.id);
  });

  it('should make a dynamic challenge logarithmic when no function is given', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { type: 'dynamic', value: undefined, initial: 100, minimum: 0, decay: 2 });
    expect((await getOne(event, challenge.id).expect(200)).body).toMatchObject({ type: 'dynamic', function: 'logarithmic' });
    const [first, second] = [await ctfTeam(app, event), await ctfTeam(app, event)];
    expect((await attempt(app, event, first.captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'correct', value: 100 });
    // logarithmic: ceil(((0 − 100) / 2²) · 1² + 100) = 75 (linear would give 98)
    expect((await attempt(app, event, second.captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'correct', value: 75 });
  });

  it('should change only the given fields and replace flags and hints when an organiser patches', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { hints: [{ content: 'old hint', cost: 5 }], tags: ['a'], maxAttempts: 3 });
    const described = await patch(event, challenge.id, { description: 'new text' }).expect(200);
    expect(described.body).toMatchObject({ description: 'new text', category: 'web', value: 100, tags: ['a'], maxAttempts: 3 });
    expect(described.body.flags.map((flag: { content: string }) => flag.content)).toEqual([challenge.flag]);
    expect(described.body.hints.map((hint: { content: string }) => hint.content)).toEqual(['old hint']);
    const replaced = await patch(event, challenge.id, {
      value: 250,
      flags: [{ type: 'static', content: 'ACS{new}' }],
      hints: [
        { content: 'first', cost: 0 },
        { content: 'second', cost: 20 },
      ],
    }).expect(200);
    expect(replaced.body).toMatchObject({ value: 250, description: 'new text' });
    expect(replaced.body.flags).toEqual([{ id: expect.any(String), type: 'static', content: 'ACS{new}', caseInsensitive: false }]);
    expect(replaced.body.hints.map((hint: { content: string; cost: number }) => [hint.content, hint.cost])).toEqual([
      ['first', 0],
      ['second', 20],
    ]);
    const { captain } = await ctfTeam(app, event);
    expect((await attempt(app, event, captain, challenge.id, challenge.flag).expect(200)).body.status).toBe('incorrect');
    expect((await attempt(app, event, captain, challenge.id, 'ACS{new}').expect(200)).body).toEqual({ status: 'correct', value: 250 });
  });

  it('should answer 204 then 404 when an organiser deletes a challenge', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const { captain } = await ctfTeam(app, event);
    await attempt(app, event, captain, challenge.id, 'wrong').expect(200);
    await app
      .http()
      .delete(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(204);
    await getOne(event, challenge.id).expect(404);
    await attempt(app, event, captain, challenge.id, challenge.flag).expect(404);
    await app
      .http()
      .delete(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(404);
    const list = await app.http().get(challengesPath(event)).set('Authorization', event.organiser.auth).expect(200);
    expect(list.body).toEqual([]);
  });

  it('should unlock the challenges that required a deleted challenge when it is deleted', async () => {
    const event = await runningCtf(app);
    const first = await createChallenge(app, event);
    const second = await createChallenge(app, event, { requirements: [first.name] });
    const { captain } = await ctfTeam(app, event);
    await attempt(app, event, captain, second.id, second.flag).expect(404);
    await app
      .http()
      .delete(challengesPath(event, `/${first.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(204);
    expect((await getOne(event, second.id).expect(200)).body.requirements).toEqual([]);
    expect((await attempt(app, event, captain, second.id, second.flag).expect(200)).body.status).toBe('correct');
  });

  it.each([
    ['a regex flag does not compile', { flags: [{ type: 'regex', content: 'ACS{(' }] }, 'flags.0.content'],
    ['a flag type is unknown', { flags: [{ type: 'glob', content: 'x' }] }, 'flags.0.type'],
    ['a standard challenge has no value', { value: undefined }, 'value'],
    ['a dynamic challenge has no initial', { type: 'dynamic', minimum: 10, decay: 5 }, 'initial'],
    ['a dynamic challenge has no minimum', { type: 'dynamic', initial: 100, decay: 5 }, 'minimum'],
    ['a dynamic challenge has no decay', { type: 'dynamic', initial: 100, minimum: 10 }, 'decay'],
    ['the minimum exceeds the initial value', { type: 'dynamic', initial: 100, minimum: 200, decay: 5 }, 'minimum'],
    ['a requirement names no challenge', { requirements: ['nope'] }, 'requirements'],
    ['the function is unknown', { type: 'dynamic', initial: 100, minimum: 10, decay: 5, function: 'cubic' }, 'function'],
    ['the type is missing', { type: undefined }, 'type'],
    ['the flags are missing', { flags: undefined }, 'flags'],
    ['a hint cost is negative', { hints: [{ content: 'x', cost: -1 }] }, 'hints.0.cost'],
    ['the state is unknown', { state: 'secret' }, 'state'],
    ['an unknown field is sent', { bogus: 1 }, 'bogus'],
    ['a non-nullable field is null', { tags: null }, 'tags'],
  ])('should answer 400 naming the field when %s', async (_case, overrides, field) => {
    const event = await runningCtf(app);
    const response = await post(event, { name: 'bad', ...base, ...overrides }).expect(400);
    expect(JSON.stringify(response.body.message)).toContain(field);
  });

  it('should answer 400 when a patch would make the challenge invalid', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { type: 'dynamic', value: undefined, initial: 100, minimum: 10, decay: 5 });
    expect(JSON.stringify((await patch(event, challenge.id, { minimum: 150 }).expect(400)).body.message)).toContain('minimum');
    expect(JSON.stringify((await patch(event, challenge.id, { flags: [{ type: 'regex', content: '[' }] }).expect(400)).body.message)).toContain('flags.0.content');
    expect(JSON.stringify((await patch(event, challenge.id, { requirements: [challenge.name] }).expect(400)).body.message)).toContain('requirements');
    for (const field of ['name', 'description', 'state', 'maxAttempts', 'position', 'flags']) {
      expect(JSON.stringify((await patch(event, challenge.id, { [field]: null }).expect(400)).body.message)).toContain(field);
    }
    expect((await patch(event, challenge.id, { author: 'kim', connectionInfo: 'nc x 1' }).expect(200)).body).toMatchObject({ author: 'kim' });
    expect((await patch(event, challenge.id, { author: null, connectionInfo: null }).expect(200)).body).toMatchObject({ author: null, connectionInfo: null });
    expect((await getOne(event, challenge.id).expect(200)).body).toMatchObject({ minimum: 10, requirements: [], name: challenge.name });
  });

  it('should answer 409 when the name is taken in the event', async () => {
    const event = await runningCtf(app);
    const taken = await createChallenge(app, event, { name: 'same' });
    await post(event, { name: 'same', ...base }).expect(409);
    const other = await createChallenge(app, event);
    await patch(event, other.id, { name: taken.name }).expect(409);
    const elsewhere = await runningCtf(app);
    await post(elsewhere, { name: 'same', ...base }).expect(201);
  });

  it('should answer 403 when someone other than the organiser writes or reads definitions', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const { captain } = await ctfTeam(app, event);
    const stranger: TestUser = await registerOrganizer(app);
    for (const user of [captain, stranger]) {
      await post(event, { name: 'mine', ...base }, user.auth).expect(403);
      await patch(event, challenge.id, { value: 1 }, user.auth).expect(403);
      await app
        .http()
        .delete(challengesPath(event, `/${challenge.id}`))
        .set('Authorization', user.auth)
        .expect(403);
      await app.http().get(`/api/v1/events/${event.slug}/attempts`).set('Authorization', user.auth).expect(403);
    }
    await app
      .http()
      .post(challengesPath(event))
      .send({ name: 'anon', ...base })
      .expect(401);
    const participantView = await getOne(event, challenge.id, captain).expect(200);
    expect(participantView.body.flags).toBeUndefined();
    expect(participantView.body.state).toBeUndefined();
    expect(JSON.stringify(participantView.body)).not.toContain(challenge.flag);
    expect((await getOne(event, challenge.id).expect(200)).body.value).toBe(100);
  });

  it('should answer 404 when the event is not a CTF', async () => {
    const event = await createEvent(app, { kind: 'hackathon' });
    await post(event, { name: 'x', ...base }).expect(404);
    await app.http().get(challengesPath(event)).set('Authorization', event.organiser.auth).expect(404);
    await app
      .http()
      .post(challengesPath({ ...event, slug: 'no-such-event' }))
      .set('Authorization', event.organiser.auth)
      .send({ name: 'x', ...base })
      .expect(404);
  });
});
