import { createEvent, hoursFromNow, TestEvent } from './factories/event.factory';
import { createTeam, joinTeam, myTeam, registeredUser, teamsPath, teamWithMembers } from './factories/team.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

const messageOf = (body: { message: string | string[] }) => [body.message].flat().join(' | ');

describe('teams', () => {
  let app: TestApp;
  const post = (event: TestEvent, user: TestUser, suffix: string, body: object) => app.http().post(teamsPath(event, suffix)).set('Authorization', user.auth).send(body);
  const remove = (event: TestEvent, user: TestUser, userId: string) =>
    app
      .http()
      .delete(teamsPath(event, `/me/members/${userId}`))
      .set('Authorization', user.auth);

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('create', () => {
    it('should answer 201 with the caller as sole captain when an approved registrant creates a team', async () => {
      const event = await createEvent(app);
      const captain = await registeredUser(app, event, { displayName: 'Siti', country: 'MY' });
      const response = await post(event, captain, '', { name: 'Garuda Cyber' }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        name: 'Garuda Cyber',
        division: null,
        inviteCode: expect.any(String),
        members: [{ userId: captain.id, displayName: 'Siti', country: 'MY', role: 'captain' }],
      });
    });

    it('should answer 403 when the caller is not registered for the event', async () => {
      const event = await createEvent(app);
      const outsider = await registerUser(app);
      await post(event, outsider, '', { name: 'Outsiders' }).expect(403);
    });

    it('should answer 403 when the caller registration is still pending under manual approval', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const pending = await registeredUser(app, event);
      await post(event, pending, '', { name: 'Pending' }).expect(403);
    });

    it('should answer 409 when the name is taken in the event, also when it differs only in case', async () => {
      const event = await createEvent(app);
      await createTeam(app, event, await registeredUser(app, event), { name: 'Team A' });
      const other = await registeredUser(app, event);
      await post(event, other, '', { name: 'Team A' }).expect(409);
      await post(event, other, '', { name: 'team a' }).expect(409);
      await myTeam(app, event, other).expect(404);
    });

    it('should allow the same name when the other team is in another event', async () => {
      const [first, second] = [await createEvent(app), await createEvent(app)];
      await createTeam(app, first, await registeredUser(app, first), { name: 'Lotus' });
      await post(second, await registeredUser(app, second), '', { name: 'Lotus' }).expect(201);
    });

    it('should answer 409 when the caller is already in a team of the event', async () => {
      const event = await createEvent(app);
      const { captain, members } = await teamWithMembers(app, event, 1);
      await post(event, captain, '', { name: 'Second one' }).expect(409);
      await post(event, members[0], '', { name: 'Third one' }).expect(409);
    });

    it('should require one of the event divisions when the event has divisions', async () => {
      const event = await createEvent(app, { divisions: ['general', 'student'] });
      const user = await registeredUser(app, event);
      expect(messageOf((await post(event, user, '', { name: 'No division' }).expect(400)).body)).toContain('division');
      expect(messageOf((await post(event, user, '', { name: 'Bad', division: 'pro' }).expect(400)).body)).toContain('division');
      const created = await post(event, user, '', { name: 'Students', division: 'student' }).expect(201);
      expect(created.body.division).toBe('student');
    });

    it('should answer 400 naming division when a division is given and the event has none', async () => {
      const event = await createEvent(app);
      const response = await post(event, await registeredUser(app, event), '', { name: 'X', division: 'general' }).expect(400);
      expect(messageOf(response.body)).toContain('division');
    });

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['longer than 64 characters', 'x'.repeat(65)],
      ['not a string', 42],
    ])('should answer 400 naming name when the name is %s', async (_case, name) => {
      const event = await createEvent(app);
      const response = await post(event, await registeredUser(app, event), '', { name }).expect(400);
      expect(messageOf(response.body)).toContain('name');
    });

    it('should give each team a different random invite code of at least 64 bits when teams are created', async () => {
      const event = await createEvent(app);
      const codes = await Promise.all([1, 2, 3].map(async () => (await createTeam(app, event, await registeredUser(app, event))).inviteCode));
      for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{11,}$/);
      expect(new Set(codes).size).toBe(3);
    });
  });

  describe('join', () => {
    it('should answer 200 with the team when an approved registrant joins by invite code', async () => {
      const event = await createEvent(app);
      const { team, captain } = await teamWithMembers(app, event, 0);
      const user = await registeredUser(app, event);
      const response = await post(event, user, '/join', { inviteCode: team.inviteCode }).expect(200);
      expect(response.body.id).toBe(team.id);
      expect(response.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [captain.id, 'captain'],
        [user.id, 'member'],
      ]);
    });

    it('should answer 404 when the invite code matches no team of the event', async () => {
      const event = await createEvent(app);
      await post(event, await registeredUser(app, event), '/join', { inviteCode: 'no-such-code-000' }).expect(404);
      const otherEvent = await createEvent(app);
      const { team } = await teamWithMembers(app, otherEvent, 0);
      await post(event, await registeredUser(app, event), '/join', { inviteCode: team.inviteCode }).expect(404);
    });

    it('should answer 409 when the team already has teams.maxSize members', async () => {
      const event = await createEvent(app, { teams: { minSize: 1, maxSize: 2 } });
      const { team, captain } = await teamWithMembers(app, event, 1);
      await post(event, await registeredUser(app, event), '/join', { inviteCode: team.inviteCode }).expect(409);
      expect((await myTeam(app, event, captain).expect(200)).body.members).toHaveLength(2);
    });

    it('should answer 409 when the caller is already in a team, this one or another', async () => {
      const event = await createEvent(app);
      const first = await teamWithMembers(app, event, 1);
      const second = await teamWithMembers(app, event, 0);
      await post(event, first.members[0], '/join', { inviteCode: second.team.inviteCode }).expect(409);
      await post(event, first.members[0], '/join', { inviteCode: first.team.inviteCode }).expect(409);
      expect((await myTeam(app, event, first.members[0]).expect(200)).body.id).toBe(first.team.id);
    });

    it('should answer 403 when the caller is not approved for the event', async () => {
      const event = await createEvent(app, { registration: { approval: 'manual' } });
      const captain = await registeredUser(app, event);
      const registration = (await app.http().get(`/api/v1/events/${event.slug}/registrations/me`).set('Authorization', captain.auth)).body;
      await app.http().patch(`/api/v1/events/${event.slug}/registrations/${registration.id}`).set('Authorization', event.organiser.auth).send({ status: 'approved' }).expect(200);
      const team = await createTeam(app, event, captain);
      await post(event, await registeredUser(app, event), '/join', { inviteCode: team.inviteCode }).expect(403);
      await post(event, await registerUser(app), '/join', { inviteCode: team.inviteCode }).expect(403);
    });

    it('should answer 409 to join and leave when the event has started and teams lock at start', async () => {
      const event = await createEvent(app);
      const { team, captain, members } = await teamWithMembers(app, event, 1);
      const late = await registeredUser(app, event);
      await app
        .http()
        .patch(`/api/v1/events/${event.slug}`)
        .set('Authorization', event.organiser.auth)
        .send({ startsAt: hoursFromNow(-1) })
        .expect(200);
      await post(event, late, '/join', { inviteCode: team.inviteCode }).expect(409);
      await remove(event, members[0], members[0].id).expect(409);
      await remove(event, captain, members[0].id).expect(409);
      expect((await myTeam(app, event, captain).expect(200)).body.members).toHaveLength(2);
    });

    it('should let users join and leave after the start when lockAtStart is false', async () => {
      const event = await createEvent(app, { startsAt: hoursFromNow(-1), endsAt: hoursFromNow(24), teams: { minSize: 1, maxSize: 4, lockAtStart: false } });
      const team = await createTeam(app, event, await registeredUser(app, event));
      const user = await registeredUser(app, event);
      await post(event, user, '/join', { inviteCode: team.inviteCode }).expect(200);
      await remove(event, user, user.id).expect(204);
    });
  });

  describe('reading teams', () => {
    it('should show members the whole team with the invite code when they ask for their team', async () => {
      const event = await createEvent(app);
      const { team, captain, members } = await teamWithMembers(app, event, 1);
      const response = await myTeam(app, event, members[0]).expect(200);
      expect(response.body).toMatchObject({ id: team.id, name: team.name, division: null, inviteCode: team.inviteCode });
      expect(response.body.members.map((m: { userId: string }) => m.userId)).toEqual([captain.id, members[0].id]);
      expect(response.body.members[1]).toEqual({ userId: members[0].id, displayName: expect.any(String), country: 'VN', role: 'member' });
    });

    it('should answer 404 when the caller is in no team of the event', async () => {
      const event = await createEvent(app);
      await myTeam(app, event, await registeredUser(app, event)).expect(404);
    });

    it('should list teams publicly without invite codes and with X-Total-Count', async () => {
      const event = await createEvent(app);
      const first = await teamWithMembers(app, event, 1);
      await teamWithMembers(app, event, 0);
      const response = await app.http().get(teamsPath(event)).expect(200);
      expect(response.headers['x-total-count']).toBe('2');
      expect(response.body).toHaveLength(2);
      expect(response.body[0]).toEqual({ id: first.team.id, name: first.team.name, division: null, members: expect.any(Array) });
      expect(JSON.stringify(response.body)).not.toContain(first.team.inviteCode);
      const page = await app
        .http()
        .get(`${teamsPath(event)}?limit=1&offset=1`)
        .expect(200);
      expect(page.headers['x-total-count']).toBe('2');
      expect(page.body).toHaveLength(1);
    });
  });

  describe('leave and kick', () => {
    it('should answer 204 when a member leaves and the team keeps the others', async () => {
      const event = await createEvent(app);
      const { captain, members } = await teamWithMembers(app, event, 2);
      await remove(event, members[0], members[0].id).expect(204);
      await myTeam(app, event, members[0]).expect(404);
      expect((await myTeam(app, event, captain).expect(200)).body.members).toHaveLength(2);
    });

    it('should answer 403 when a member tries to remove another member', async () => {
      const event = await createEvent(app);
      const { captain, members } = await teamWithMembers(app, event, 2);
      await remove(event, members[0], members[1].id).expect(403);
      await remove(event, members[0], captain.id).expect(403);
      expect((await myTeam(app, event, captain).expect(200)).body.members).toHaveLength(3);
    });

    it('should answer 204 and drop the member when the captain kicks them', async () => {
      const event = await createEvent(app);
      const { captain, members } = await teamWithMembers(app, event, 1);
      await remove(event, captain, members[0].id).expect(204);
      await myTeam(app, event, members[0]).expect(404);
      expect((await myTeam(app, event, captain).expect(200)).body.members).toHaveLength(1);
    });

    it('should make the longest-standing member captain when the captain leaves', async () => {
      const event = await createEvent(app);
      const { captain, members } = await teamWithMembers(app, event, 2);
      await remove(event, captain, captain.id).expect(204);
      const team = (await myTeam(app, event, members[1]).expect(200)).body;
      expect(team.members.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [members[0].id, 'captain'],
        [members[1].id, 'member'],
      ]);
    });

    it('should delete the team and free its name when the last member leaves', async () => {
      const event = await createEvent(app);
      const captain = await registeredUser(app, event);
      await createTeam(app, event, captain, { name: 'Ephemeral' });
      await remove(event, captain, captain.id).expect(204);
      expect((await app.http().get(teamsPath(event)).expect(200)).headers['x-total-count']).toBe('0');
      await createTeam(app, event, await registeredUser(app, event), { name: 'ephemeral' });
    });

    it('should answer 404 when the user to remove is not in the caller team', async () => {
      const event = await createEvent(app);
      const { captain } = await teamWithMembers(app, event, 0);
      const other = await teamWithMembers(app, event, 0);
      await remove(event, captain, other.captain.id).expect(404);
      await myTeam(app, event, other.captain).expect(200);
    });

    it('should answer 400 naming userId when the userId is not a UUID', async () => {
      const event = await createEvent(app);
      const { captain } = await teamWithMembers(app, event, 0);
      expect(messageOf((await remove(event, captain, 'not-a-uuid').expect(400)).body)).toContain('userId');
    });
  });

  describe('captain and invite code', () => {
    it('should answer 403 when a member who is not captain transfers captaincy', async () => {
      const event = await createEvent(app);
      const { members } = await teamWithMembers(app, event, 2);
      await post(event, members[0], '/me/captain', { userId: members[1].id }).expect(403);
    });

    it('should answer 404 when captaincy is transferred to a non-member', async () => {
      const event = await createEvent(app);
      const { captain } = await teamWithMembers(app, event, 0);
      await post(event, captain, '/me/captain', { userId: (await registeredUser(app, event)).id }).expect(404);
    });

    it('should leave exactly one captain when the captain transfers captaincy', async () => {
      const event = await createEvent(app);
      const { captain, members } = await teamWithMembers(app, event, 2);
      const response = await post(event, captain, '/me/captain', { userId: members[1].id }).expect(200);
      const captains = response.body.members.filter((m: { role: string }) => m.role === 'captain');
      expect(captains.map((m: { userId: string }) => m.userId)).toEqual([members[1].id]);
      await remove(event, captain, members[0].id).expect(403);
    });

    it('should retire the old invite code when the captain rotates it', async () => {
      const event = await createEvent(app);
      const { team, captain, members } = await teamWithMembers(app, event, 1);
      await post(event, members[0], '/me/invite-code', {}).expect(403);
      const rotated = (await post(event, captain, '/me/invite-code', {}).expect(200)).body;
      expect(rotated.inviteCode).toMatch(/^[A-Za-z0-9_-]{11,}$/);
      expect(rotated.inviteCode).not.toBe(team.inviteCode);
      await post(event, await registeredUser(app, event), '/join', { inviteCode: team.inviteCode }).expect(404);
      await joinTeam(app, event, await registeredUser(app, event), rotated.inviteCode);
    });
  });

  it('should answer 401 on every team write and on /teams/me when no token is sent', async () => {
    const event = await createEvent(app);
    const { captain } = await teamWithMembers(app, event, 0);
    const http = app.http;
    await http().post(teamsPath(event)).send({ name: 'Anon' }).expect(401);
    await http().post(teamsPath(event, '/join')).send({ inviteCode: 'whatever-code' }).expect(401);
    await http().get(teamsPath(event, '/me')).expect(401);
    await http()
      .delete(teamsPath(event, `/me/members/${captain.id}`))
      .expect(401);
    await http().post(teamsPath(event, '/me/captain')).send({ userId: captain.id }).expect(401);
    await http().post(teamsPath(event, '/me/invite-code')).send({}).expect(401);
  });
});
