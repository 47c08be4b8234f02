import { randomBytes } from 'crypto';
import { createEvent } from './factories/event.factory';
import { createTeam, registeredUser, teamsPath } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

// GET /invites/:code: what an invite link (/join/<code>) shows before the teammate joins.
describe('team invites', () => {
  let app: TestApp;
  // One client address per test: the budget of wrong codes is per address, and Redis outlives a test.
  let address = 0;
  const from = () => `203.0.113.${(address += 1)}`;

  beforeAll(async () => {
    app = await createTestApp({ TRUST_PROXY: 'true' });
  });

  afterAll(async () => {
    await app.close();
  });

  const resolve = (code: string, ip: string, auth?: string) => {
    const call = app
      .http()
      .get(`/api/v1/invites/${encodeURIComponent(code)}`)
      .set('X-Forwarded-For', ip);
    return auth ? call.set('Authorization', auth) : call;
  };
  const wrongCode = () => randomBytes(12).toString('base64url');

  it('should show only the event and the team name, to anyone holding the code, signed in or not', async () => {
    const event = await createEvent(app, { title: 'Invite Cup' });
    const captain = await registeredUser(app, event, { displayName: 'Secret Captain' });
    const team = await createTeam(app, event, captain, { name: 'Kopi Overflow' });
    const anonymous = await resolve(team.inviteCode, from()).expect(200);
    expect(anonymous.body).toEqual({ eventSlug: event.slug, eventTitle: 'Invite Cup', teamName: 'Kopi Overflow' });
    const stranger = await registeredUser(app, event);
    expect((await resolve(team.inviteCode, from(), stranger.auth).expect(200)).body).toEqual(anonymous.body);
  });

  it('should reveal nothing about a wrong code: one 404 body for every miss, no event, no team', async () => {
    const event = await createEvent(app);
    const team = await createTeam(app, event, await registeredUser(app, event));
    const ip = from();
    const misses = [wrongCode(), team.inviteCode.slice(0, -1), team.inviteCode.toUpperCase(), 'x'.repeat(90), '%00', "' OR 1=1 --"];
    const bodies = [];
    for (const code of misses) {
      const response = await resolve(code, ip);
      // With the code, so a failure says which miss was answered (and with what).
      expect({ code, status: response.status, body: response.status === 404 ? null : response.body }).toEqual({ code, status: 404, body: null });
      bodies.push({ code: response.body.code, message: response.body.message });
      expect(JSON.stringify(response.body)).not.toContain(event.slug);
      expect(JSON.stringify(response.body)).not.toContain(team.name);
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  });

  it('should stop resolving a code once the captain rotated it, and resolve the new one', async () => {
    const event = await createEvent(app);
    const captain = await registeredUser(app, event);
    const team = await createTeam(app, event, captain);
    const rotated = await app.http().post(teamsPath(event, '/me/invite-code')).set('Authorization', captain.auth).expect(200);
    const ip = from();
    await resolve(team.inviteCode, ip).expect(404);
    expect((await resolve(rotated.body.inviteCode, ip).expect(200)).body.teamName).toBe(team.name);
  });

  it("should not resolve a banned team's code", async () => {
    const event = await createEvent(app);
    const team = await createTeam(app, event, await registeredUser(app, event));
    await app
      .http()
      .patch(teamsPath(event, `/${team.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ banned: true })
      .expect(200);
    await resolve(team.inviteCode, from()).expect(404);
  });

  it('should answer 429 with Retry-After after 20 wrong codes from one address, refuse even a right code then, and leave other addresses alone', async () => {
    const event = await createEvent(app);
    const team = await createTeam(app, event, await registeredUser(app, event));
    const guesser = from();
    // Right codes do not count against the budget.
    for (let index = 0; index < 5; index += 1) await resolve(team.inviteCode, guesser).expect(200);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => resolve(wrongCode(), guesser).then((response) => response.status)));
    expect(statuses).toEqual(Array(20).fill(404));
    const refused = await resolve(wrongCode(), guesser).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.code).toBe('too-many-invite-misses');
    // Refused even when right: otherwise the difference between 429 and 200 would still confirm a guess.
    await resolve(team.inviteCode, guesser).expect(429);
    await resolve(team.inviteCode, from()).expect(200);
  });

  it('should let concurrent guesses from one address through no more than the budget', async () => {
    const guesser = from();
    const statuses = await Promise.all(Array.from({ length: 40 }, () => resolve(wrongCode(), guesser).then((response) => response.status)));
    expect(statuses.filter((status) => status === 404)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });
});
