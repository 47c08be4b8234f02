import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { createEvent, hoursFromNow } from './factories/event.factory';
import { loginAdmin, registerOrganizer, registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// The platform admin's API: every account searched, roles and the disabled state set (a disabled user cannot sign in
// or refresh), and every event listed, unlisted ones too; everyone else is refused with 403.
describe('platform admin: users and events', () => {
  let app: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    admin = await loginAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const login = (user: TestUser) => app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });

  it('should refuse users and organizers the admin endpoints with 403', async () => {
    const user = await registerUser(app);
    const organizer = await registerOrganizer(app);
    for (const caller of [user, organizer]) {
      await app.http().get('/api/v1/users').set('Authorization', caller.auth).expect(403);
      await app.http().patch(`/api/v1/users/${user.id}`).set('Authorization', caller.auth).send({ disabled: true }).expect(403);
      await app.http().get('/api/v1/events?include=unlisted').set('Authorization', caller.auth).expect(403);
    }
    await app.http().get('/api/v1/events?include=unlisted').expect(403);
    // Nothing changed: the user still signs in.
    await login(user).expect(200);
  });

  it('should find accounts by part of the email or name and by role, with the total', async () => {
    const tag = randomUUID().slice(0, 8);
    const named = await registerUser(app, { displayName: `Linh ${tag}` });
    const organizer = await registerOrganizer(app);
    const byName = await app.http().get(`/api/v1/users?q=${tag.toUpperCase()}`).set('Authorization', admin.auth).expect(200);
    expect(byName.body).toEqual([expect.objectContaining({ id: named.id, displayName: `Linh ${tag}`, role: 'user', disabled: false })]);
    expect(byName.headers['x-total-count']).toBe('1');
    expect(byName.body[0]).not.toHaveProperty('passwordHash');
    const byEmail = await app
      .http()
      .get(`/api/v1/users?q=${encodeURIComponent(organizer.email)}&role=organizer`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(byEmail.body.map((user: { id: string }) => user.id)).toEqual([organizer.id]);
    // LIKE's wildcards are matched as themselves.
    expect((await app.http().get('/api/v1/users?q=%25%25%25_').set('Authorization', admin.auth).expect(200)).body).toEqual([]);
    const bad = await app.http().get('/api/v1/users?role=owner').set('Authorization', admin.auth).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('role');
  });

  it('should stop a disabled user signing in or refreshing, and let them back in once enabled', async () => {
    const user = await registerUser(app);
    const disabled = await app.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin.auth).send({ disabled: true }).expect(200);
    expect(disabled.body).toMatchObject({ id: user.id, disabled: true, role: 'user' });

    const refused = await login(user).expect(403);
    expect(refused.body.message).toMatch(/disabled/);
    // A wrong password says only that it is wrong: whether the account is disabled is not told to a guesser.
    expect((await app.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password-1' }).expect(401)).body.message).not.toMatch(/disabled/);
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);

    await app.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin.auth).send({ disabled: false }).expect(200);
    const back = await login(user).expect(200);
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: back.body.refreshToken }).expect(200);
  });

  it('should refuse a refresh by a token issued before the account was disabled even if it was not revoked', async () => {
    const user = await registerUser(app);
    // Disabled directly in the table, as a concurrent sign-in could leave a token behind: the refresh reads the account.
    await app.app.get(DataSource).query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
    const refused = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(403);
    expect(refused.body.message).toMatch(/disabled/);
  });

  it('should set roles, refuse an admin disabling or demoting themselves and an empty change, naming the field', async () => {
    const user = await registerUser(app);
    const promoted = await app.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin.auth).send({ role: 'organizer' }).expect(200);
    expect(promoted.body).toMatchObject({ role: 'organizer', disabled: false });
    expect((await app.http().patch(`/api/v1/users/${admin.id}`).set('Authorization', admin.auth).send({ disabled: true }).expect(409)).body.message).toMatch(/^disabled/);
    await app.http().patch(`/api/v1/users/${admin.id}`).set('Authorization', admin.auth).send({ role: 'user' }).expect(409);
    expect((await app.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin.auth).send({}).expect(400)).body.message).toMatch(/role/);
    await app.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin.auth).send({ disabled: 'yes' }).expect(400);
    await app.http().patch(`/api/v1/users/${randomUUID()}`).set('Authorization', admin.auth).send({ disabled: true }).expect(404);
    await login(admin).expect(200);
  });

  it('should list unlisted events for admins only', async () => {
    // Starting later than any other suite's event, it is on the first page (newest start first) however many the run made.
    const hidden = await createEvent(app, { listed: false, title: `Hidden ${randomUUID().slice(0, 6)}`, startsAt: hoursFromNow(24 * 3650), endsAt: hoursFromNow(24 * 3651) });
    const everything = await app.http().get('/api/v1/events?include=unlisted&limit=500').set('Authorization', admin.auth).expect(200);
    expect(everything.body.map((event: { slug: string }) => event.slug)).toContain(hidden.slug);
    const listed = await app.http().get('/api/v1/events?limit=500').set('Authorization', admin.auth).expect(200);
    expect(listed.body.map((event: { slug: string }) => event.slug)).not.toContain(hidden.slug);
  });
});
