import { createEvent, TestEvent } from './factories/event.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Registrant {
  user: TestUser;
  id: string;
  status: string;
}

describe('registration capacity and waitlist', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const url = (event: TestEvent, rest = '') => `/api/v1/events/${event.slug}/registrations${rest}`;

  /** Registers fresh users one after another (so their order is known). */
  async function registerMany(event: TestEvent, count: number): Promise<Registrant[]> {
    const out: Registrant[] = [];
    for (let i = 0; i < count; i++) {
      const user = await registerUser(app);
      const response = await app.http().post(url(event)).set('Authorization', user.auth).send({}).expect(201);
      out.push({ user, id: response.body.id, status: response.body.status });
    }
    return out;
  }

  /** Every registration's status as the organiser sees it, keyed by registration id. */
  async function statuses(event: TestEvent): Promise<Record<string, string>> {
    const response = await app.http().get(url(event, '?limit=500')).set('Authorization', event.organiser.auth).expect(200);
    return Object.fromEntries(response.body.map((row: { id: string; status: string }) => [row.id, row.status]));
  }

  const withdraw = (event: TestEvent, who: Registrant) => app.http().delete(url(event, '/me')).set('Authorization', who.user.auth);
  const decide = (event: TestEvent, who: Registrant, status: string) =>
    app
      .http()
      .patch(url(event, `/${who.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ status });

  it('should waitlist the third registrant when capacity is 2', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 2 } });
    const people = await registerMany(event, 3);
    expect(people.map((person) => person.status)).toEqual(['approved', 'approved', 'waitlisted']);
    const me = await app.http().get(url(event, '/me')).set('Authorization', people[2].user.auth).expect(200);
    expect(me.body.status).toBe('waitlisted');
  });

  it('should promote the oldest waitlisted registrant when an approved one withdraws', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 2 } });
    const [first, second, third, fourth] = await registerMany(event, 4);
    expect((await withdraw(event, second)).status).toBe(204);
    expect(await statuses(event)).toEqual({ [first.id]: 'approved', [third.id]: 'approved', [fourth.id]: 'waitlisted' });
  });

  it('should promote nobody when a waitlisted registrant withdraws', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 1 } });
    const [first, second, third] = await registerMany(event, 3);
    expect((await withdraw(event, second)).status).toBe(204);
    expect(await statuses(event)).toEqual({ [first.id]: 'approved', [third.id]: 'waitlisted' });
  });

  it('should promote the next waitlisted registrant when the organiser rejects an approved one', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 2 } });
    const [first, second, third, fourth] = await registerMany(event, 4);
    expect((await decide(event, first, 'rejected').expect(200)).body.status).toBe('rejected');
    expect(await statuses(event)).toEqual({ [first.id]: 'rejected', [second.id]: 'approved', [third.id]: 'approved', [fourth.id]: 'waitlisted' });
  });

  it('should promote as many waitlisted registrants as fit when the capacity is raised', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 1 } });
    const [first, second, third, fourth] = await registerMany(event, 4);
    const patched = await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ registration: { capacity: 3 } })
      .expect(200);
    expect(patched.body.registration.capacity).toBe(3);
    expect(await statuses(event)).toEqual({ [first.id]: 'approved', [second.id]: 'approved', [third.id]: 'approved', [fourth.id]: 'waitlisted' });
    await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ registration: { capacity: null } })
      .expect(200);
    expect((await statuses(event))[fourth.id]).toBe('approved');
  });

  it('should answer 409 when the organiser approves a waitlisted registrant while full', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 1 } });
    const [first, second] = await registerMany(event, 2);
    const response = await decide(event, second, 'approved');
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('capacity') });
    expect(typeof response.body.requestId).toBe('string');
    expect(await statuses(event)).toEqual({ [first.id]: 'approved', [second.id]: 'waitlisted' });
  });

  it('should move waitlisted registrants to pending when approval is manual and a place frees up', async () => {
    const event = await createEvent(app, { registration: { approval: 'manual', capacity: 1 } });
    const [first, second, third] = await registerMany(event, 3);
    expect([first.status, second.status, third.status]).toEqual(['pending', 'waitlisted', 'waitlisted']);
    // A pending registrant already holds its place, so approving it fits even at capacity.
    await decide(event, first, 'approved').expect(200);
    expect((await withdraw(event, first)).status).toBe(204);
    expect(await statuses(event)).toEqual({ [second.id]: 'pending', [third.id]: 'waitlisted' });
    await decide(event, second, 'rejected').expect(200);
    expect(await statuses(event)).toEqual({ [second.id]: 'rejected', [third.id]: 'pending' });
  });

  it('should approve exactly 3 and waitlist 7 when 10 users register at once for 3 places', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 3 } });
    const users: TestUser[] = [];
    for (let i = 0; i < 10; i++) users.push(await registerUser(app));
    const responses = await Promise.all(users.map((user) => app.http().post(url(event)).set('Authorization', user.auth).send({})));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const answered = responses.map((response) => response.body.status).sort();
    expect(answered).toEqual([...Array(3).fill('approved'), ...Array(7).fill('waitlisted')]);
    const organiser = event.organiser.auth;
    const approved = await app.http().get(url(event, '?status=approved')).set('Authorization', organiser).expect(200);
    const waitlisted = await app.http().get(url(event, '?status=waitlisted')).set('Authorization', organiser).expect(200);
    expect([approved.body.length, approved.headers['x-total-count']]).toEqual([3, '3']);
    expect([waitlisted.body.length, waitlisted.headers['x-total-count']]).toEqual([7, '7']);
  });

  it('should promote exactly as many as withdrew when approved registrants withdraw at once', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto', capacity: 3 } });
    const people = await registerMany(event, 8);
    const leaving = people.slice(0, 3);
    const responses = await Promise.all(leaving.map((person) => withdraw(event, person)));
    expect(responses.map((response) => response.status)).toEqual([204, 204, 204]);
    const after = await statuses(event);
    expect(Object.keys(after)).toHaveLength(5);
    expect(people.slice(3).map((person) => after[person.id])).toEqual(['approved', 'approved', 'approved', 'waitlisted', 'waitlisted']);
  });

  it('should answer 409 and keep the registration when the registrant is in a team', async () => {
    const event = await createEvent(app, { registration: { approval: 'auto' } });
    const [captain] = await registerMany(event, 1);
    await app
      .http()
      .post(`/api/v1/events/${event.slug}/teams`)
      .set('Authorization', captain.user.auth)
      .send({ name: `team-${captain.id.slice(0, 8)}` })
      .expect(201);
    const response = await withdraw(event, captain);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('team') });
    const me = await app.http().get(url(event, '/me')).set('Authorization', captain.user.auth).expect(200);
    expect(me.body.status).toBe('approved');
  });
});
