import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { TokenRevocations } from '@arena/registration';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { loginAdmin, registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually } from './utils/test-worker';

// A disabled or demoted user's access tokens stop working at once, not when they expire (15 minutes): the token
// generation they carry is revoked in every api process, and the admin routes re-read the role from the database, so
// a demoted admin cannot use the window to undo the change.
describe('access tokens of disabled and demoted users', () => {
  let app: TestApp;
  let admin: TestUser;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    admin = await loginAdmin(app);
    dataSource = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  const patchUser = (auth: string, id: string, body: object) => app.http().patch(`/api/v1/users/${id}`).set('Authorization', auth).send(body);
  const login = (user: TestUser) => app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  const bearer = (token: string) => `Bearer ${token}`;

  /** A new user made platform admin by the bootstrap admin, signed in again so the token says admin. */
  async function secondAdmin(): Promise<TestUser> {
    const user = await registerUser(app);
    await patchUser(admin.auth, user.id, { role: 'admin' }).expect(200);
    const { body } = await login(user);
    return { ...user, accessToken: body.accessToken, refreshToken: body.refreshToken, auth: bearer(body.accessToken) };
  }

  const roleOf = async (id: string) => (await dataSource.query<Array<{ role: string; disabled_at: Date | null }>>('SELECT role, disabled_at FROM users WHERE id = $1', [id]))[0];

  it('should refuse a demoted admin’s old token at once, so it cannot promote itself back or list the users', async () => {
    const rogue = await secondAdmin();
    await app.http().get('/api/v1/users').set('Authorization', rogue.auth).expect(200);
    await patchUser(admin.auth, rogue.id, { role: 'user' }).expect(200);

    await patchUser(rogue.auth, rogue.id, { role: 'admin' }).expect(401);
    await app.http().get('/api/v1/users').set('Authorization', rogue.auth).expect(401);
    expect((await roleOf(rogue.id)).role).toBe('user');
    // Refreshed, the token carries the new role: the admin routes answer 403.
    const refreshed = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: rogue.refreshToken }).expect(200);
    expect(refreshed.body.user.role).toBe('user');
    await patchUser(bearer(refreshed.body.accessToken), rogue.id, { role: 'admin' }).expect(403);
    expect((await roleOf(rogue.id)).role).toBe('user');
  });

  it('should refuse a disabled admin’s old token at once, so it cannot enable itself again', async () => {
    const rogue = await secondAdmin();
    await patchUser(admin.auth, rogue.id, { disabled: true }).expect(200);
    await patchUser(rogue.auth, rogue.id, { disabled: false }).expect(401);
    expect((await roleOf(rogue.id)).disabled_at).not.toBeNull();
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: rogue.refreshToken }).expect(401);
  });

  // The revocation's message may not have reached another api process yet (or Redis lost it): the admin routes and an
  // admin's organiser rights read the role from the database anyway.
  it('should refuse an admin token whose user was demoted or disabled in the database, on admin and organiser routes', async () => {
    const demoted = await secondAdmin();
    const disabled = await secondAdmin();
    const event = await runningCtf(app);
    const hidden = await createChallenge(app, event, { state: 'hidden' });
    // Sanity: as admins they organise every event (hidden challenges listed).
    const listed = await app.http().get(challengesPath(event)).set('Authorization', demoted.auth).expect(200);
    expect(listed.body.map((one: { id: string }) => one.id)).toContain(hidden.id);
    await dataSource.query(`UPDATE users SET role = 'user' WHERE id = $1`, [demoted.id]);
    await dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);

    for (const rogue of [demoted, disabled]) {
      await patchUser(rogue.auth, rogue.id, { role: 'admin', disabled: false }).expect(403);
      await app.http().get('/api/v1/users').set('Authorization', rogue.auth).expect(403);
      await app.http().get('/api/v1/events?include=unlisted').set('Authorization', rogue.auth).expect(403);
      await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', rogue.auth).send({ title: 'Taken over' }).expect(403);
      expect((await app.http().get(`/api/v1/events/${event.slug}/staff/me`).set('Authorization', rogue.auth).expect(200)).body).toEqual({ organiser: false, judge: false });
      await app
        .http()
        .post(challengesPath(event))
        .set('Authorization', rogue.auth)
        .send({ name: 'planted', category: 'web', description: 'x', type: 'standard', value: 100, flags: [{ type: 'static', content: 'ACS{planted}' }] })
        .expect(403);
    }
    const seen = await app.http().get(challengesPath(event)).set('Authorization', demoted.auth);
    expect(seen.status === 200 ? seen.body.map((one: { id: string }) => one.id) : []).not.toContain(hidden.id);
    expect((await roleOf(demoted.id)).role).toBe('user');
    expect((await roleOf(disabled.id)).disabled_at).not.toBeNull();
  });

  it('should refuse a disabled player’s token at once on every route, the flag attempts’ and challenge lists’ fast paths included', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const { captain } = await ctfTeam(app, event);
    await attempt(app, event, captain, challenge.id, 'ACS{guess}').expect(200);
    await app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(200);

    await patchUser(admin.auth, captain.id, { disabled: true }).expect(200);
    await attempt(app, event, captain, challenge.id, challenge.flag).expect(401);
    await app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(401);
    await app.http().patch('/api/v1/users/me').set('Authorization', captain.auth).send({ displayName: 'Still here' }).expect(401);
    // No solve was stored by the refused attempt.
    expect(await dataSource.query(`SELECT 1 FROM solves WHERE challenge_id = $1`, [challenge.id])).toEqual([]);

    // Enabled again, a new sign-in works; the tokens issued before the disable stay refused.
    await patchUser(admin.auth, captain.id, { disabled: false }).expect(200);
    const { body } = await login(captain);
    await attempt(app, event, { ...captain, auth: bearer(body.accessToken) }, challenge.id, challenge.flag).expect(200);
    await app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(401);
  });

  it('should carry a revocation to the other api processes through Redis, and to one that starts later', async () => {
    const redis = app.app.get<Redis>(REDIS);
    const config = app.app.get(AppConfig);
    const other = new TokenRevocations(redis, config);
    await other.start();
    const user = await registerUser(app);
    try {
      expect(other.isRevoked(user.id, 0)).toBe(false);
      await patchUser(admin.auth, user.id, { disabled: true }).expect(200);
      await eventually(async () => (other.isRevoked(user.id, 0) ? true : undefined));
      const later = new TokenRevocations(redis, config);
      await later.start();
      expect([later.isRevoked(user.id, 0), later.isRevoked(user.id, 1)]).toEqual([true, false]);
      await later.onApplicationShutdown();
    } finally {
      await other.onApplicationShutdown();
    }
  });
});
