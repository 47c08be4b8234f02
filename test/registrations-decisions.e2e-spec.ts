import { createEvent, TestEvent } from './factories/event.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Registrant {
  user: TestUser;
  id: string;
  status: string;
}

// What the organisers' console relies on: bulk decisions (with refusals and promotions reported), the waitlist as a
// decision, the search by name or email, and the caller's own roles in an event.
describe('registration decisions, search and event roles', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const url = (event: TestEvent, rest = '') => `/api/v1/events/${event.slug}/registrations${rest}`;

  async function registerMany(event: TestEvent, names: string[]): Promise<Registrant[]> {
    const out: Registrant[] = [];
    for (const displayName of names) {
      const user = await registerUser(app, { displayName });
      const response = await app.http().post(url(event)).set('Authorization', user.auth).send({}).expect(201);
      out.push({ user, id: response.body.id, status: response.body.status });
    }
    return out;
  }

  async function statuses(event: TestEvent): Promise<Record<string, string>> {
    const response = await app.http().get(url(event, '?limit=500')).set('Authorization', event.organiser.auth).expect(200);
    return Object.fromEntries(response.body.map((row: { id: string; status: string }) => [row.id, row.status]));
  }

  const decideMany = (event: TestEvent, auth: string, ids: string[], status: string) => app.http().post(url(event, '/decisions')).set('Authorization', auth).send({ ids, status });

  it('should reject many at once and report the waitlisted registrants promoted into the freed places', async () => {
    const event = await createEvent(app, { registration: { capacity: 2, approval: 'manual' } });
    const [a, b, c, d] = await registerMany(event, ['Ana', 'Bao', 'Chai', 'Dewi']);
    expect([a.status, b.status, c.status, d.status]).toEqual(['pending', 'pending', 'waitlisted', 'waitlisted']);
    const response = await decideMany(event, event.organiser.auth, [a.id, b.id], 'rejected').expect(200);
    expect(response.body.decided.map((row: { id: string; status: string }) => [row.id, row.status])).toEqual([
      [a.id, 'rejected'],
      [b.id, 'rejected'],
    ]);
    expect(response.body.refused).toEqual([]);
    expect(response.body.promoted.map((row: { id: string; status: string; user: { displayName: string } }) => [row.id, row.status, row.user.displayName])).toEqual([
      [c.id, 'pending', 'Chai'],
      [d.id, 'pending', 'Dewi'],
    ]);
    expect(await statuses(event)).toEqual({ [a.id]: 'rejected', [b.id]: 'rejected', [c.id]: 'pending', [d.id]: 'pending' });
  });

  it('should approve those that fit and refuse the rest by name of the reason when the event is full', async () => {
    const event = await createEvent(app, { registration: { capacity: 1 } });
    const [a, b, c] = await registerMany(event, ['Ana', 'Bao', 'Chai']);
    expect([a.status, b.status, c.status]).toEqual(['approved', 'waitlisted', 'waitlisted']);
    await decideMany(event, event.organiser.auth, [a.id], 'rejected').expect(200);
    // b was promoted into a's place (auto approval); c still waits and there is no room for it.
    const response = await decideMany(event, event.organiser.auth, [b.id, c.id], 'approved').expect(200);
    expect(response.body.decided.map((row: { id: string }) => row.id)).toEqual([b.id]);
    expect(response.body.refused).toEqual([{ id: c.id, code: 'event-full', message: expect.stringContaining('full') }]);
    expect(await statuses(event)).toEqual({ [a.id]: 'rejected', [b.id]: 'approved', [c.id]: 'waitlisted' });
  });

  it('should put pending and rejected registrations on the waitlist, and refuse it for an approved one', async () => {
    const event = await createEvent(app, { registration: { approval: 'manual' } });
    const [a, b, c] = await registerMany(event, ['Ana', 'Bao', 'Chai']);
    await app
      .http()
      .patch(url(event, `/${b.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ status: 'rejected' })
      .expect(200);
    await app
      .http()
      .patch(url(event, `/${c.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ status: 'approved' })
      .expect(200);
    const response = await decideMany(event, event.organiser.auth, [a.id, b.id, c.id], 'waitlisted').expect(200);
    expect(response.body.decided.map((row: { id: string; status: string }) => [row.id, row.status])).toEqual([
      [a.id, 'waitlisted'],
      [b.id, 'waitlisted'],
    ]);
    expect(response.body.refused).toEqual([{ id: c.id, code: 'invalid-status-change', message: expect.stringContaining('reject it instead') }]);
    // The single decision says the same.
    const single = await app
      .http()
      .patch(url(event, `/${c.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ status: 'waitlisted' })
      .expect(409);
    expect(single.body.code).toBe('invalid-status-change');
    expect((await app.http().get(url(event, '/me')).set('Authorization', a.user.auth).expect(200)).body.status).toBe('waitlisted');
  });

  it("should refuse a player's bulk decision, an unknown id as not found, and a malformed body naming the field", async () => {
    const event = await createEvent(app, { registration: { approval: 'manual' } });
    const [a] = await registerMany(event, ['Ana']);
    await decideMany(event, a.user.auth, [a.id], 'approved').expect(403);
    const other = await createEvent(app);
    const [stranger] = await registerMany(other, ['Zed']);
    // Another event's registration is not found here, and nothing changes there.
    const response = await decideMany(event, event.organiser.auth, [stranger.id], 'rejected').expect(200);
    expect(response.body.refused).toEqual([{ id: stranger.id, code: 'registration-not-found', message: expect.any(String) }]);
    expect(await statuses(other)).toEqual({ [stranger.id]: 'approved' });
    const bad = await decideMany(event, event.organiser.auth, ['not-a-uuid'], 'pending').expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^status /), expect.stringMatching(/^each of ids must be a UUID/)]));
    await decideMany(event, event.organiser.auth, [], 'approved').expect(400);
  });

  it('should search registrations by part of the name or email in any case, with LIKE wildcards taken literally', async () => {
    const event = await createEvent(app);
    const [siti, budi] = await registerMany(event, ['Siti Nurhaliza', 'Budi 100%']);
    await registerMany(event, ['Nguyen Van A']);
    const search = async (q: string) => {
      const response = await app.http().get(url(event)).query({ q }).set('Authorization', event.organiser.auth).expect(200);
      return response.body.map((row: { id: string }) => row.id);
    };
    expect(await search('NURHAL')).toEqual([siti.id]);
    expect(await search(budi.user.email.slice(5, 13).toUpperCase())).toEqual([budi.id]);
    expect(await search('100%')).toEqual([budi.id]);
    expect(await search('%')).toEqual([budi.id]);
    expect(await search('_')).toEqual([]);
    const filtered = await app.http().get(url(event)).query({ q: 'a', status: 'rejected' }).set('Authorization', event.organiser.auth).expect(200);
    expect(filtered.body).toEqual([]);
  });

  it('should tell the caller their own roles in an event: organiser for its organisers and admins, neither for a player', async () => {
    const event = await createEvent(app);
    const player = await registerUser(app);
    const roles = (auth: string) => app.http().get(`/api/v1/events/${event.slug}/staff/me`).set('Authorization', auth).expect(200);
    expect((await roles(event.organiser.auth)).body).toEqual({ organiser: true, judge: false });
    expect((await roles(player.auth)).body).toEqual({ organiser: false, judge: false });
    await app.http().post(`/api/v1/events/${event.slug}/staff`).set('Authorization', event.organiser.auth).send({ email: player.email, role: 'judge' }).expect(201);
    expect((await roles(player.auth)).body).toEqual({ organiser: false, judge: true });
    await app.http().get(`/api/v1/events/${event.slug}/staff/me`).expect(401);
    await app.http().get('/api/v1/events/no-such-event/staff/me').set('Authorization', player.auth).expect(404);
  });
});
