import { randomUUID } from 'crypto';
import { Response } from 'supertest';
import { createEvent, hoursFromNow, TestEvent } from './factories/event.factory';
import { loginAdmin, registerOrganizer, registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

const ASEAN_AND_KOREA = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'KR'];

/** The contract's error body, with a message that names `field`. */
function expectError(response: Response, status: number, field?: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: status, error: expect.any(String), message: expect.anything(), requestId: expect.any(String) }));
  if (field) expect(([] as string[]).concat(response.body.message).join(' | ')).toContain(field);
}

describe('registrations', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const url = (event: TestEvent, rest = '') => `/api/v1/events/${event.slug}/registrations${rest}`;
  const register = (event: TestEvent, user: TestUser, body: object = {}) => app.http().post(url(event)).set('Authorization', user.auth).send(body);
  const decide = (event: TestEvent, auth: string, id: string, status: string) =>
    app
      .http()
      .patch(url(event, `/${id}`))
      .set('Authorization', auth)
      .send({ status });
  const mine = (event: TestEvent, user: TestUser) => app.http().get(url(event, '/me')).set('Authorization', user.auth);
  const list = (event: TestEvent, query = '') => app.http().get(url(event, query)).set('Authorization', event.organiser.auth);

  describe('POST /events/:slug/registrations', () => {
    it('should approve at once and show the answers to the organiser when approval is auto', async () => {
      const event = await createEvent(app, { registration: { approval: 'auto' } });
      const user = await registerUser(app);
      const answers = { university: 'HUST', tshirt: 'M', consent: true, stack: ['pwn', 'web'], nested: { year: 3 } };
      const response = await register(event, user, { answers }).expect(201);
      expect(response.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'approved' });
      const listed = await list(event).expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ id: response.body.id, userId: user.id, status: 'approved', answers })]);
      expect(listed.body[0].user).toMatchObject({ email: user.email, country: 'VN' });
      expect(listed.headers['x-total-count']).toBe('1');
    });

    it('should store empty answers when none are sent', async () => {
      const event = await createEvent(app);
      const user = await registerUser(app);
      await register(event, user).expect(201);
      expect((await mine(event, user).expect(200)).body.answers).toEqual({});
    });

    it('should answer 400 naming answers when they are not an object', async () => {
      const event = await createEvent(app);
      const user = await registerUser(app);
      expectError(await register(event, user, { answers: 'yes' }), 400, 'answers');
      expectError(await register(event, user, { answers: ['a'] }), 400, 'answers');
      expectError(await mine(event, user), 404);
    });

    it('should leave the registration pending when approval is manual', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const user = await registerUser(app);
      const response = await register(event, user).expect(201);
      expect(response.body.status).toBe('pending');
      expect((await mine(event, user).expect(200)).body).toMatchObject({ id: response.body.id, status: 'pending' });
    });

    it('should accept a Vietnamese user and refuse an American one when only ASEAN and Korea are eligible', async () => {
      const event = await createEvent(app, { registration: { approval: 'auto', eligibleCountries: ASEAN_AND_KOREA } });
      const vietnamese = await registerUser(app, { country: 'VN' });
      const korean = await registerUser(app, { country: 'KR' });
      const american = await registerUser(app, { country: 'US' });
      expect((await register(event, vietnamese).expect(201)).body.status).toBe('approved');
      await register(event, korean).expect(201);
      expectError(await register(event, american), 403, 'US');
      expectError(await mine(event, american), 404);
    });

    it('should answer 409 when registration has not opened yet', async () => {
      const event = await createEvent(app, { registration: { opensAt: hoursFromNow(2), closesAt: hoursFromNow(10) } });
      expectError(await register(event, await registerUser(app)), 409);
    });

    it('should answer 409 when registration has closed', async () => {
      const event = await createEvent(app, { registration: { opensAt: hoursFromNow(-5), closesAt: hoursFromNow(-1) } });
      expectError(await register(event, await registerUser(app)), 409);
    });

    it('should answer 409 when the event has ended and no closing time was set', async () => {
      const event = await createEvent(app, { startsAt: hoursFromNow(-48), endsAt: hoursFromNow(-24) });
      expectError(await register(event, await registerUser(app)), 409);
    });

    it('should accept registration when inside the window', async () => {
      const event = await createEvent(app, { registration: { opensAt: hoursFromNow(-1), closesAt: hoursFromNow(1) } });
      await register(event, await registerUser(app)).expect(201);
    });

    it('should answer 409 when the user is already registered', async () => {
      const event = await createEvent(app);
      const user = await registerUser(app);
      await register(event, user).expect(201);
      expectError(await register(event, user), 409);
      expect((await list(event)).headers['x-total-count']).toBe('1');
    });

    it('should answer 401 without a token and 404 when the event is unknown', async () => {
      const event = await createEvent(app);
      expectError(await app.http().post(url(event)).send({}), 401);
      const user = await registerUser(app);
      expectError(
        await app
          .http()
          .post(`/api/v1/events/nope-${randomUUID().slice(0, 8)}/registrations`)
          .set('Authorization', user.auth)
          .send({}),
        404,
      );
    });
  });

  describe('own registration', () => {
    it('should answer 404 for /me when the user never registered', async () => {
      const event = await createEvent(app);
      expectError(await mine(event, await registerUser(app)), 404);
    });

    it('should withdraw with 204 and then answer 404 when the user deletes their registration', async () => {
      const event = await createEvent(app);
      const user = await registerUser(app);
      await register(event, user).expect(201);
      const response = await app.http().delete(url(event, '/me')).set('Authorization', user.auth);
      expect(response.status).toBe(204);
      expectError(await mine(event, user), 404);
      expectError(await app.http().delete(url(event, '/me')).set('Authorization', user.auth), 404);
      expect((await list(event)).headers['x-total-count']).toBe('0');
      expect((await register(event, user).expect(201)).body.status).toBe('approved');
    });
  });

  describe('organiser list and decisions', () => {
    it('should approve and reject pending registrations when the organiser decides', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const [alice, bob] = [await registerUser(app), await registerUser(app)];
      const aliceId = (await register(event, alice).expect(201)).body.id;
      const bobId = (await register(event, bob).expect(201)).body.id;
      const approved = await decide(event, event.organiser.auth, aliceId, 'approved').expect(200);
      expect(approved.body).toMatchObject({ id: aliceId, status: 'approved' });
      await decide(event, event.organiser.auth, bobId, 'rejected').expect(200);
      expect((await mine(event, alice)).body.status).toBe('approved');
      expect((await mine(event, bob)).body.status).toBe('rejected');
    });

    it('should let an admin decide when they are not on the staff', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const user = await registerUser(app);
      const id = (await register(event, user).expect(201)).body.id;
      await decide(event, (await loginAdmin(app)).auth, id, 'approved').expect(200);
    });

    it('should filter by status and page with X-Total-Count when listing', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await register(event, await registerUser(app)).expect(201)).body.id);
      await decide(event, event.organiser.auth, ids[1], 'approved').expect(200);
      await decide(event, event.organiser.auth, ids[3], 'rejected').expect(200);
      const pending = await list(event, '?status=pending').expect(200);
      expect(pending.body.map((row: { id: string }) => row.id)).toEqual([ids[0], ids[2]]);
      expect(pending.headers['x-total-count']).toBe('2');
      const approved = await list(event, '?status=approved').expect(200);
      expect(approved.body.map((row: { id: string }) => row.id)).toEqual([ids[1]]);
      const page = await list(event, '?limit=2&offset=1').expect(200);
      expect(page.body.map((row: { id: string }) => row.id)).toEqual([ids[1], ids[2]]);
      expect(page.headers['x-total-count']).toBe('4');
      expectError(await list(event, '?status=maybe'), 400, 'status');
      expectError(await list(event, '?limit=501'), 400, 'limit');
    });

    it('should answer 403 when a participant or another organiser lists or decides', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const user = await registerUser(app);
      const other = await registerOrganizer(app);
      const id = (await register(event, user).expect(201)).body.id;
      for (const caller of [user, other]) {
        expectError(await app.http().get(url(event)).set('Authorization', caller.auth), 403);
        expectError(await decide(event, caller.auth, id, 'approved'), 403);
      }
      expect((await mine(event, user)).body.status).toBe('pending');
    });

    it('should answer 400 when the id is not a UUID or the status is not a decision', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const id = (await register(event, await registerUser(app)).expect(201)).body.id;
      expectError(await decide(event, event.organiser.auth, 'not-a-uuid', 'approved'), 400, 'id');
      expectError(await decide(event, event.organiser.auth, id, 'pending'), 400, 'status');
      expectError(
        await app
          .http()
          .patch(url(event, `/${id}`))
          .set('Authorization', event.organiser.auth)
          .send({ status: 'approved', note: 1 }),
        400,
        'note',
      );
    });

    it('should answer 404 when the registration is unknown or belongs to another event', async () => {
      const event = await createEvent(app);
      const other = await createEvent(app, {}, event.organiser);
      const foreignId = (await register(other, await registerUser(app)).expect(201)).body.id;
      expectError(await decide(event, event.organiser.auth, randomUUID(), 'approved'), 404);
      expectError(await decide(event, event.organiser.auth, foreignId, 'rejected'), 404);
    });
  });
});
