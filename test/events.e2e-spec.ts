import { randomUUID } from 'crypto';
import { Response } from 'supertest';
import { createEvent, hoursFromNow } from './factories/event.factory';
import { loginAdmin, registerOrganizer, registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

const SAME_TIME = hoursFromNow(24);
const newSlug = () => `ev-${randomUUID().slice(0, 8)}`;

/** A valid create body; `over` replaces top-level fields. */
const eventBody = (over: Record<string, unknown> = {}): Record<string, any> => ({
  slug: newSlug(),
  title: 'ASEAN Cyber Shield',
  kind: 'ctf',
  startsAt: hoursFromNow(24),
  endsAt: hoursFromNow(48),
  ...over,
});

/** The contract's error body, with a message that names `field`. */
function expectError(response: Response, status: number, field?: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: status, error: expect.any(String), message: expect.anything(), requestId: expect.any(String) }));
  if (field) expect(([] as string[]).concat(response.body.message).join(' | ')).toContain(field);
}

describe('events (create, update, list, get, staff)', () => {
  let app: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    admin = await loginAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (auth: string, body: object) => app.http().post('/api/v1/events').set('Authorization', auth).send(body);
  const patch = (auth: string, slug: string, body: object) => app.http().patch(`/api/v1/events/${slug}`).set('Authorization', auth).send(body);

  describe('POST /events', () => {
    it('should return the full event when an organizer creates one', async () => {
      const organizer = await registerOrganizer(app);
      const body = eventBody({
        description: 'Prelims',
        freezeAt: hoursFromNow(40),
        listed: false,
        leaderboardVisibility: 'participants',
        registration: { opensAt: hoursFromNow(1), closesAt: hoursFromNow(20), approval: 'manual', capacity: 50, eligibleCountries: ['vn', 'KR'] },
        teams: { minSize: 2, maxSize: 5, lockAtStart: false },
        divisions: ['student', 'open'],
      });
      const response = await post(organizer.auth, body).expect(201);
      expect(response.body).toEqual({
        ...body,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        registration: { ...body.registration, eligibleCountries: ['VN', 'KR'], questions: [] },
        ad: null,
        ctf: { wrongAttemptsPerMinute: 10, firstBloodBonus: 0 },
        revealedAt: null,
        createdAt: expect.any(String),
      });
    });

    it('should apply the documented defaults when an admin creates a minimal event', async () => {
      const response = await post(admin.auth, eventBody()).expect(201);
      expect(response.body).toMatchObject({
        description: '',
        freezeAt: null,
        listed: true,
        leaderboardVisibility: 'public',
        registration: { opensAt: null, closesAt: null, approval: 'auto', capacity: null, eligibleCountries: [] },
        teams: { lockAtStart: true },
        divisions: [],
        ad: null,
      });
      await app.http().get(`/api/v1/events/${response.body.slug}`).expect(200);
    });

    it.each([
      ['ctf', {}],
      ['ai', {}],
      ['hackathon', {}],
      ['ad', { ad: { tickSeconds: 60, flagLifetimeTicks: 5, flagPrefix: 'ACS' } }],
    ])('should create the event when kind is %s', async (kind, extra) => {
      const response = await post(admin.auth, eventBody({ kind, ...extra })).expect(201);
      expect(response.body).toMatchObject({ kind, ad: null, ...extra });
    });

    it('should answer 403 when a plain user creates an event', async () => {
      const user = await registerUser(app);
      expectError(await post(user.auth, eventBody()), 403);
    });

    it('should answer 401 when no token is sent', async () => {
      expectError(await app.http().post('/api/v1/events').send(eventBody()), 401);
    });

    it('should answer 409 when the slug is taken', async () => {
      const first = await createEvent(app);
      expectError(await post(admin.auth, eventBody({ slug: first.slug })), 409, first.slug);
    });

    it.each([
      ['the slug is malformed', { slug: 'Bad Slug!' }, 'slug'],
      ['the kind is unknown', { kind: 'quiz' }, 'kind'],
      ['startsAt is not ISO 8601', { startsAt: 'tomorrow' }, 'startsAt'],
      ['endsAt is a number', { endsAt: 1767225600000 }, 'endsAt'],
      ['endsAt equals startsAt', { startsAt: SAME_TIME, endsAt: SAME_TIME }, 'endsAt'],
      ['endsAt is before startsAt', { endsAt: hoursFromNow(12) }, 'endsAt'],
      ['freezeAt is after endsAt', { freezeAt: hoursFromNow(49) }, 'freezeAt'],
      ['freezeAt is before startsAt', { freezeAt: hoursFromNow(23) }, 'freezeAt'],
      ['teams.minSize exceeds maxSize', { teams: { minSize: 5, maxSize: 3 } }, 'minSize'],
      ['registration.closesAt is before opensAt', { registration: { opensAt: hoursFromNow(5), closesAt: hoursFromNow(4) } }, 'closesAt'],
      ['registration.opensAt is not a time', { registration: { opensAt: 'soon' } }, 'opensAt'],
      ['an eligible country is not ISO 3166-1 alpha-2', { registration: { eligibleCountries: ['VN', 'ZZ'] } }, 'eligibleCountries'],
      ['the approval mode is unknown', { registration: { approval: 'lottery' } }, 'approval'],
      ['a top-level field is unknown', { bogus: 1 }, 'bogus'],
      ['a nested field is unknown', { registration: { bogus: 1 } }, 'bogus'],
      ['a teams field is unknown', { teams: { minSize: 1, maxSize: 2, extra: true } }, 'extra'],
      ['listed is null', { listed: null }, 'listed'],
      ['registration.approval is null', { registration: { approval: null } }, 'approval'],
    ])('should answer 400 naming the field when %s', async (_case, over, field) => {
      expectError(await post(admin.auth, eventBody(over)), 400, field);
    });

    it('should prefix nested messages with their parent exactly once when a nested field is bad', async () => {
      const response = await post(admin.auth, eventBody({ registration: { opensAt: 'soon' } })).expect(400);
      expect(response.body.message).toEqual(['registration.opensAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z']);
    });
  });

  describe('organisers', () => {
    it('should let the creator update and list registrations when the event is theirs', async () => {
      const event = await createEvent(app);
      await patch(event.organiser.auth, event.slug, { title: 'Renamed' }).expect(200);
      await app.http().get(`/api/v1/events/${event.slug}/registrations`).set('Authorization', event.organiser.auth).expect(200);
    });

    it('should answer 403 when another organizer updates the event', async () => {
      const event = await createEvent(app);
      const other = await registerOrganizer(app);
      expectError(await patch(other.auth, event.slug, { title: 'Hijacked' }), 403);
      await patch(admin.auth, event.slug, { title: 'By admin' }).expect(200);
      expect((await app.http().get(`/api/v1/events/${event.slug}`)).body.title).toBe('By admin');
    });
  });

  describe('PATCH /events/:slug', () => {
    it('should update each field group and keep the others when given a partial body', async () => {
      const event = await createEvent(app, { registration: { approval: 'auto', capacity: 10 }, teams: { minSize: 1, maxSize: 4 } });
      const auth = event.organiser.auth;
      const startsAt = hoursFromNow(30);
      await patch(auth, event.slug, { title: 'New title', startsAt, freezeAt: hoursFromNow(40), leaderboardVisibility: 'organisers' }).expect(200);
      await patch(auth, event.slug, { registration: { approval: 'manual', eligibleCountries: ['KR'] } }).expect(200);
      await patch(auth, event.slug, { teams: { minSize: 2, maxSize: 3 }, divisions: ['open'] }).expect(200);
      const response = await patch(auth, event.slug, { listed: false }).expect(200);
      expect(response.body).toMatchObject({
        title: 'New title',
        startsAt,
        endsAt: event.body.endsAt,
        leaderboardVisibility: 'organisers',
        listed: false,
        registration: { approval: 'manual', capacity: 10, eligibleCountries: ['KR'] },
        teams: { minSize: 2, maxSize: 3, lockAtStart: true },
        divisions: ['open'],
      });
      expect((await app.http().get(`/api/v1/events/${event.slug}`)).body).toEqual(response.body);
    });

    it('should update one team bound when the other is left out', async () => {
      const event = await createEvent(app, { teams: { minSize: 1, maxSize: 4 } });
      const response = await patch(event.organiser.auth, event.slug, { teams: { maxSize: 6 } }).expect(200);
      expect(response.body.teams).toEqual({ minSize: 1, maxSize: 6, lockAtStart: true });
      const unlocked = await patch(event.organiser.auth, event.slug, { teams: { lockAtStart: false } }).expect(200);
      expect(unlocked.body.teams).toEqual({ minSize: 1, maxSize: 6, lockAtStart: false });
    });

    it('should merge attack-defence settings and refuse incomplete ones when ad is patched', async () => {
      const ad = { tickSeconds: 60, flagLifetimeTicks: 5, flagPrefix: 'ACS' };
      const event = await createEvent(app, { kind: 'ad', ad });
      const response = await patch(event.organiser.auth, event.slug, { ad: { tickSeconds: 120 } }).expect(200);
      expect(response.body.ad).toEqual({ ...ad, tickSeconds: 120 });
      const plain = await createEvent(app);
      expectError(await patch(plain.organiser.auth, plain.slug, { ad: { tickSeconds: 120 } }), 400, 'flagPrefix');
      expectError(await patch(plain.organiser.auth, plain.slug, { ad: { tickSeconds: 1 } }), 400, 'ad.tickSeconds');
    });

    it('should answer 400 naming the field when a field that cannot be empty is set to null', async () => {
      const event = await createEvent(app);
      const top = ['slug', 'title', 'kind', 'startsAt', 'listed', 'description', 'divisions', 'leaderboardVisibility', 'teams'];
      const bodies = [...top.map((field) => ({ [field]: null })), { registration: { eligibleCountries: null } }, { teams: { lockAtStart: null } }];
      for (const body of bodies) expectError(await patch(event.organiser.auth, event.slug, body), 400, Object.keys(body)[0]);
      expect((await app.http().get(`/api/v1/events/${event.slug}`)).body).toEqual(event.body);
    });

    it('should clear nullable fields when they are set to null', async () => {
      const ad = { tickSeconds: 60, flagLifetimeTicks: 5, flagPrefix: 'ACS' };
      const event = await createEvent(app, { kind: 'ad', ad, freezeAt: hoursFromNow(30), registration: { opensAt: hoursFromNow(1), capacity: 5 } });
      const response = await patch(event.organiser.auth, event.slug, { freezeAt: null, ad: null, registration: { opensAt: null, capacity: null } }).expect(200);
      expect(response.body).toMatchObject({ freezeAt: null, ad: null, registration: { opensAt: null, capacity: null } });
    });

    it('should answer 400 when the merged event ends before it starts', async () => {
      const event = await createEvent(app);
      expectError(await patch(event.organiser.auth, event.slug, { endsAt: hoursFromNow(1) }), 400, 'endsAt');
      expectError(await patch(event.organiser.auth, event.slug, { teams: { minSize: 9 } }), 400, 'minSize');
      expectError(await patch(event.organiser.auth, event.slug, { bogus: true }), 400, 'bogus');
      expect((await app.http().get(`/api/v1/events/${event.slug}`)).body.endsAt).toBe(event.body.endsAt);
    });

    it('should rename the slug and answer 409 when the new slug is taken', async () => {
      const event = await createEvent(app);
      const other = await createEvent(app);
      expectError(await patch(event.organiser.auth, event.slug, { slug: other.slug }), 409, other.slug);
      const renamed = newSlug();
      await patch(event.organiser.auth, event.slug, { slug: renamed }).expect(200);
      await app.http().get(`/api/v1/events/${renamed}`).expect(200);
      expectError(await app.http().get(`/api/v1/events/${event.slug}`), 404);
    });

    it('should answer 404 when the event is unknown', async () => {
      expectError(await patch(admin.auth, newSlug(), { title: 'x' }), 404);
    });

    it("should keep every organiser's edit when PATCHes of different fields race", async () => {
      const event = await createEvent(app);
      // Two organisers (the creator and the platform admin) editing at the same moment, round after round.
      for (let round = 1; round <= 5; round += 1) {
        const endsAt = hoursFromNow(48 + round);
        const visibility = round % 2 === 0 ? 'participants' : 'organisers';
        await Promise.all([
          patch(event.organiser.auth, event.slug, { title: `Title ${round}` }).expect(200),
          patch(admin.auth, event.slug, { endsAt }).expect(200),
          patch(event.organiser.auth, event.slug, { teams: { maxSize: 4 + round } }).expect(200),
          patch(admin.auth, event.slug, { leaderboardVisibility: visibility }).expect(200),
        ]);
        const stored = await app.http().get(`/api/v1/events/${event.slug}`).expect(200);
        expect(stored.body).toMatchObject({ title: `Title ${round}`, endsAt, teams: { maxSize: 4 + round }, leaderboardVisibility: visibility });
      }
    });
  });

  describe('GET /events', () => {
    // Far in the future, so these sort first (newest start first) whatever other suites create.
    const farStart = (hours: number) => ({ startsAt: hoursFromNow(900_000 + hours), endsAt: hoursFromNow(900_100 + hours) });

    it('should list only listed events without a token, with X-Total-Count and paging', async () => {
      const offset = Math.floor(Math.random() * 1000) * 10;
      const listed = [];
      for (const hours of [3, 2, 1]) listed.push(await createEvent(app, farStart(offset + hours)));
      const hidden = await createEvent(app, { ...farStart(offset + 4), listed: false });
      const all = await app.http().get('/api/v1/events?limit=500').expect(200);
      expect(Array.isArray(all.body)).toBe(true);
      const slugs = all.body.map((event: { slug: string }) => event.slug);
      expect(slugs).not.toContain(hidden.slug);
      const start = slugs.indexOf(listed[0].slug);
      expect(slugs.slice(start, start + 3)).toEqual(listed.map((event) => event.slug));
      expect(Number(all.headers['x-total-count'])).toBeGreaterThanOrEqual(3);
      const page = await app
        .http()
        .get(`/api/v1/events?limit=2&offset=${start + 1}`)
        .expect(200);
      expect(page.body.map((event: { slug: string }) => event.slug)).toEqual([listed[1].slug, listed[2].slug]);
      expect(Number(page.headers['x-total-count'])).toBeGreaterThanOrEqual(Number(all.headers['x-total-count']));
    });

    it('should answer 400 when limit is over 500 or offset is negative', async () => {
      expectError(await app.http().get('/api/v1/events?limit=501'), 400, 'limit');
      expectError(await app.http().get('/api/v1/events?offset=-1'), 400, 'offset');
      expectError(await app.http().get('/api/v1/events?limit=abc'), 400, 'limit');
    });

    it('should get an unlisted event by slug without a token', async () => {
      const event = await createEvent(app, { listed: false });
      const response = await app.http().get(`/api/v1/events/${event.slug}`).expect(200);
      expect(response.body).toEqual(event.body);
    });

    it('should answer 404 when the slug is unknown', async () => {
      expectError(await app.http().get(`/api/v1/events/${newSlug()}`), 404);
    });
  });

  describe('staff', () => {
    const addStaff = (auth: string, slug: string, body: object) => app.http().post(`/api/v1/events/${slug}/staff`).set('Authorization', auth).send(body);

    it('should let a staff organiser update the event when added by email', async () => {
      const event = await createEvent(app);
      const colleague = await registerUser(app);
      expectError(await patch(colleague.auth, event.slug, { title: 'Too early' }), 403);
      const response = await addStaff(event.organiser.auth, event.slug, { email: colleague.email.toUpperCase(), role: 'organizer' }).expect(201);
      expect(response.body).toMatchObject({ userId: colleague.id, email: colleague.email, role: 'organizer' });
      await patch(colleague.auth, event.slug, { title: 'By staff' }).expect(200);
    });

    it('should list staff to organisers only', async () => {
      const event = await createEvent(app);
      const judge = await registerUser(app);
      await addStaff(event.organiser.auth, event.slug, { email: judge.email, role: 'judge' }).expect(201);
      const response = await app.http().get(`/api/v1/events/${event.slug}/staff`).set('Authorization', event.organiser.auth).expect(200);
      expect(response.body.map((member: { userId: string; role: string }) => [member.userId, member.role])).toEqual([
        [event.organiser.id, 'organizer'],
        [judge.id, 'judge'],
      ]);
      expectError(await app.http().get(`/api/v1/events/${event.slug}/staff`).set('Authorization', judge.auth), 403);
      expectError(await patch(judge.auth, event.slug, { title: 'Judge edit' }), 403);
    });

    it('should answer 404 when the staff email is unknown', async () => {
      const event = await createEvent(app);
      expectError(await addStaff(event.organiser.auth, event.slug, { email: `nobody-${randomUUID()}@arena.test`, role: 'judge' }), 404);
    });

    it('should answer 403 when a non-organiser adds staff and 400 when the role is unknown', async () => {
      const event = await createEvent(app);
      const user = await registerUser(app);
      expectError(await addStaff(user.auth, event.slug, { email: user.email, role: 'organizer' }), 403);
      expectError(await addStaff(event.organiser.auth, event.slug, { email: user.email, role: 'owner' }), 400, 'role');
    });
  });
});
