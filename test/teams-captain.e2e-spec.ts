import { createEvent, hoursFromNow } from './factories/event.factory';
import { createTeam, joinTeam, myTeam, registeredUser, teamsPath, teamWithMembers } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

// The captain's rename and disband (CTFd's team settings): who may, and until when.
describe('teams: rename and disband', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const rename = (slug: string, auth: string, name: unknown) => app.http().patch(`/api/v1/events/${slug}/teams/me`).set('Authorization', auth).send({ name });
  const disband = (slug: string, auth: string) => app.http().delete(`/api/v1/events/${slug}/teams/me`).set('Authorization', auth);

  describe('PATCH /events/:slug/teams/me (rename)', () => {
    it('should rename the team, trimmed, and show the new name in the public list when the captain renames it', async () => {
      const event = await createEvent(app);
      const { team, captain } = await teamWithMembers(app, event, 1);
      const renamed = await rename(event.slug, captain.auth, '  Garuda   Cyber ').expect(200);
      expect(renamed.body).toMatchObject({ id: team.id, name: 'Garuda Cyber', inviteCode: team.inviteCode });
      const listed = await app.http().get(teamsPath(event)).expect(200);
      expect(listed.body.map((row: { name: string }) => row.name)).toEqual(['Garuda Cyber']);
    });

    it('should refuse (403) a member who is not the captain and keep the name', async () => {
      const event = await createEvent(app);
      const { team, members } = await teamWithMembers(app, event, 1);
      await rename(event.slug, members[0].auth, 'Hijacked').expect(403);
      expect((await myTeam(app, event, members[0]).expect(200)).body.name).toBe(team.name);
    });

    it('should answer 409 when another team of the event has the name in any case, and 400 naming name when it is bad', async () => {
      const event = await createEvent(app);
      await createTeam(app, event, await registeredUser(app, event), { name: 'Kopi Overflow' });
      const captain = await registeredUser(app, event);
      await createTeam(app, event, captain);
      expect((await rename(event.slug, captain.auth, 'KOPI overflow').expect(409)).body.code).toBe('team-name-taken');
      for (const bad of ['', '   ', 'x'.repeat(65), 'bell\u0007', 42]) {
        const response = await rename(event.slug, captain.auth, bad).expect(400);
        expect(([] as string[]).concat(response.body.message).join(' ')).toContain('name');
      }
    });

    it('should answer 404 to someone in no team', async () => {
      const event = await createEvent(app);
      const loner = await registeredUser(app, event);
      await rename(event.slug, loner.auth, 'Anything').expect(404);
    });

    it('should refuse (409) a rename once the teams locked at the start, and allow it when the event does not lock teams', async () => {
      const locked = await createEvent(app, { startsAt: hoursFromNow(-1), endsAt: hoursFromNow(3) });
      const captain = await registeredUser(app, locked);
      const team = await createTeam(app, locked, captain);
      expect((await rename(locked.slug, captain.auth, 'After Start').expect(409)).body.code).toBe('team-locked');
      expect((await myTeam(app, locked, captain).expect(200)).body.name).toBe(team.name);

      const open = await createEvent(app, { startsAt: hoursFromNow(-1), endsAt: hoursFromNow(3), teams: { minSize: 1, maxSize: 4, lockAtStart: false } });
      const other = await registeredUser(app, open);
      await createTeam(app, open, other);
      await rename(open.slug, other.auth, 'After Start').expect(200);
    });

    it('should refuse (403) a rename of a banned team', async () => {
      const event = await createEvent(app);
      const captain = await registeredUser(app, event);
      const team = await createTeam(app, event, captain);
      await app
        .http()
        .patch(teamsPath(event, `/${team.id}`))
        .set('Authorization', event.organiser.auth)
        .send({ banned: true })
        .expect(200);
      await rename(event.slug, captain.auth, 'Fresh Start').expect(403);
    });
  });

  describe('DELETE /events/:slug/teams/me (disband)', () => {
    it('should remove the team and free every member to join another when the captain disbands it before the start', async () => {
      const event = await createEvent(app);
      const { team, captain, members } = await teamWithMembers(app, event, 2);
      await disband(event.slug, captain.auth).expect(204);
      await myTeam(app, event, captain).expect(404);
      await myTeam(app, event, members[0]).expect(404);
      expect((await app.http().get(teamsPath(event)).expect(200)).body).toEqual([]);
      // The old invite code leads nowhere; members can make or join other teams.
      await app.http().post(teamsPath(event, '/join')).set('Authorization', members[1].auth).send({ inviteCode: team.inviteCode }).expect(404);
      const next = await createTeam(app, event, members[0], { name: team.name });
      await joinTeam(app, event, members[1], next.inviteCode);
    });

    it('should refuse (403) a member who is not the captain, and keep the team', async () => {
      const event = await createEvent(app);
      const { team, members } = await teamWithMembers(app, event, 1);
      await disband(event.slug, members[0].auth).expect(403);
      expect((await myTeam(app, event, members[0]).expect(200)).body.id).toBe(team.id);
    });

    it('should refuse (409) to disband once the event started, even when teams do not lock, so its history stays', async () => {
      const event = await createEvent(app, { startsAt: hoursFromNow(-1), endsAt: hoursFromNow(3), teams: { minSize: 1, maxSize: 4, lockAtStart: false } });
      const captain = await registeredUser(app, event);
      const team = await createTeam(app, event, captain);
      expect((await disband(event.slug, captain.auth).expect(409)).body.code).toBe('team-started');
      expect((await myTeam(app, event, captain).expect(200)).body.id).toBe(team.id);
    });

    it('should refuse (403) to disband a banned team, so its members cannot start afresh', async () => {
      const event = await createEvent(app);
      const captain = await registeredUser(app, event);
      const team = await createTeam(app, event, captain);
      await app
        .http()
        .patch(teamsPath(event, `/${team.id}`))
        .set('Authorization', event.organiser.auth)
        .send({ banned: true })
        .expect(200);
      await disband(event.slug, captain.auth).expect(403);
      expect((await myTeam(app, event, captain).expect(200)).body.id).toBe(team.id);
    });

    it('should answer 404 to someone in no team', async () => {
      const event = await createEvent(app);
      await disband(event.slug, (await registeredUser(app, event)).auth).expect(404);
    });
  });
});
