import * as argon2 from 'argon2';
import { randomUUID } from 'crypto';
import { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createEvent } from './factories/event.factory';
import { ADMIN, loginAdmin, registerOrganizer, registerUser, TestUser } from './factories/user.factory';
import { createTestApp, PRODUCTION_HASH_ENV, TestApp } from './utils/test-app';

function expectError(response: Response, statusCode: number, ...named: string[]): void {
  expect(response.status).toBe(statusCode);
  expect(response.body).toEqual(expect.objectContaining({ statusCode, error: expect.any(String), message: expect.anything(), requestId: expect.any(String) }));
  const text = ([] as string[]).concat(response.body.message).join(' | ');
  for (const field of named) expect(text).toContain(field);
}

const eventBody = () => ({
  slug: `ev-${randomUUID().slice(0, 8)}`,
  title: 'Role check',
  kind: 'ctf',
  startsAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
  endsAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
});

describe('users (admin bootstrap, roles)', () => {
  let app: TestApp;
  let admin: TestUser;
  const patchUser = (id: string, auth: string, body: unknown) =>
    app
      .http()
      .patch(`/api/v1/users/${id}`)
      .set('Authorization', auth)
      .send(body as object);
  const login = (user: TestUser) => app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });

  beforeAll(async () => {
    app = await createTestApp();
    admin = await loginAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('bootstrap admin', () => {
    it('should log the environment admin in with the admin role when ARENA_ADMIN_* are set', async () => {
      const response = await app.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
      expect(response.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
      const me = await app.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${response.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ email: ADMIN.email, role: 'admin' });
    });

    it('should keep one admin and its password when the api boots again', async () => {
      const second = await createTestApp();
      try {
        const response = await second.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
        expect(response.body.user).toMatchObject({ id: admin.id, role: 'admin' });
      } finally {
        await second.close();
      }
    });

    it('should refuse registering the admin email again when the admin exists', async () => {
      const response = await app
        .http()
        .post('/api/v1/auth/register')
        .send({ email: ADMIN.email.toUpperCase(), password: 'another-password-1', displayName: 'Mallory', country: 'VN' });
      expectError(response, 409);
    });
  });

  describe('bootstrap takeover (ARENA_ADMIN_EMAIL naming a registered account)', () => {
    const operatorPassword = 'operator-password-1';
    // Boots another api (which runs the bootstrap) with ARENA_ADMIN_* naming `email`, and stops it again.
    const bootWith = async (email: string, password: string, force?: boolean) => {
      const booted = await createTestApp({
        ...PRODUCTION_HASH_ENV,
        ARENA_ADMIN_EMAIL: email,
        ARENA_ADMIN_PASSWORD: password,
        ...(force === undefined ? {} : { ARENA_ADMIN_FORCE: String(force) }),
      });
      await booted.close();
    };
    const refresh = (refreshToken: string) => app.http().post('/api/v1/auth/refresh').send({ refreshToken });

    it('should neither promote nor reset an account when someone registered the admin address first', async () => {
      const squatter = await registerUser(app);
      await bootWith(squatter.email, operatorPassword);
      const relogin = await login(squatter).expect(200);
      expect(relogin.body.user).toMatchObject({ id: squatter.id, role: 'user' });
      expectError(await app.http().post('/api/v1/auth/login').send({ email: squatter.email, password: operatorPassword }), 401);
      await refresh(squatter.refreshToken).expect(200);
    });

    it('should promote, reset and revoke the old refresh tokens when ARENA_ADMIN_FORCE is true', async () => {
      const squatter = await registerUser(app);
      await bootWith(squatter.email, operatorPassword, true);
      const operator = await app.http().post('/api/v1/auth/login').send({ email: squatter.email, password: operatorPassword }).expect(200);
      expect(operator.body.user).toMatchObject({ id: squatter.id, role: 'admin' });
      expectError(await refresh(squatter.refreshToken), 401);
      expectError(await login(squatter), 401);
    });

    it('should revoke the admin sessions when a boot changes its password and keep them when it does not', async () => {
      const squatter = await registerUser(app);
      await bootWith(squatter.email, operatorPassword, true);
      const first = await app.http().post('/api/v1/auth/login').send({ email: squatter.email, password: operatorPassword }).expect(200);
      await bootWith(squatter.email, operatorPassword);
      const kept = await refresh(first.body.refreshToken).expect(200);
      await bootWith(squatter.email, 'operator-password-2');
      expectError(await refresh(kept.body.refreshToken), 401);
      await app.http().post('/api/v1/auth/login').send({ email: squatter.email, password: 'operator-password-2' }).expect(200);
    });

    it('should move an admin hash with older parameters to the current ones and keep its sessions when the api boots', async () => {
      const squatter = await registerUser(app);
      await bootWith(squatter.email, operatorPassword, true);
      const session = await app.http().post('/api/v1/auth/login').send({ email: squatter.email, password: operatorPassword }).expect(200);
      const db = app.app.get(DataSource);
      const oldHash = await argon2.hash(operatorPassword, { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
      // Stored as a rehash would be (sessions kept), as if the admin predated the current parameters.
      await db.transaction(async (manager) => {
        await manager.query(`SELECT set_config('arena.password_rehash', 'on', true)`);
        await manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [squatter.id, oldHash]);
      });
      await bootWith(squatter.email, operatorPassword);
      const [{ password_hash: stored }] = await db.query('SELECT password_hash FROM users WHERE id = $1', [squatter.id]);
      expect(stored.split('$')[3].split(',').sort().join(',')).toBe('m=19456,p=1,t=2');
      await expect(argon2.verify(stored, operatorPassword)).resolves.toBe(true);
      await refresh(session.body.refreshToken).expect(200);
    });
  });

  describe('PATCH /users/me', () => {
    const patchMe = (auth: string | undefined, body: unknown) => {
      const call = app.http().patch('/api/v1/users/me');
      return (auth ? call.set('Authorization', auth) : call).send(body as object);
    };

    it('should change the display name and country when the user edits the profile', async () => {
      const user = await registerUser(app);
      const response = await patchMe(user.auth, { displayName: '  Ji-woo  ', country: 'kr' }).expect(200);
      expect(response.body).toEqual({ id: user.id, email: user.email, displayName: 'Ji-woo', country: 'KR', role: 'user' });
      const me = await app.http().get('/api/v1/auth/me').set('Authorization', user.auth).expect(200);
      expect(me.body).toMatchObject({ displayName: 'Ji-woo', country: 'KR' });
    });

    it('should keep the other field when only one is given', async () => {
      const user = await registerUser(app);
      await patchMe(user.auth, { displayName: 'Kept Name' }).expect(200);
      const response = await patchMe(user.auth, { country: 'TH' }).expect(200);
      expect(response.body).toMatchObject({ displayName: 'Kept Name', country: 'TH' });
    });

    it('should answer 400 naming the field when the country or name is bad or the role is sent', async () => {
      const user = await registerUser(app);
      expectError(await patchMe(user.auth, { country: 'XX' }), 400, 'country');
      expectError(await patchMe(user.auth, { displayName: '' }), 400, 'displayName');
      expectError(await patchMe(user.auth, { role: 'admin' }), 400, 'role');
      const me = await app.http().get('/api/v1/auth/me').set('Authorization', user.auth).expect(200);
      expect(me.body).toMatchObject({ country: 'VN', role: 'user' });
    });

    it('should answer 401 when no token is given', async () => {
      expectError(await patchMe(undefined, { country: 'TH' }), 401);
    });
  });

  describe('PATCH /users/:id', () => {
    it('should grant the organizer role when an admin asks', async () => {
      const user = await registerUser(app);
      const response = await patchUser(user.id, admin.auth, { role: 'organizer' }).expect(200);
      expect(response.body).toEqual({
        id: user.id,
        email: user.email,
        displayName: expect.any(String),
        country: 'VN',
        role: 'organizer',
        disabled: false,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|passwordHash/);
      // The token issued before the change is refused at once; a refreshed one carries the new role.
      await app.http().get('/api/v1/auth/me').set('Authorization', user.auth).expect(401);
      const refreshed = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      const me = await app.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
      expect(me.body.role).toBe('organizer');
    });

    it('should let the user create events with a new token when the role was granted', async () => {
      const user = await registerUser(app);
      expectError(await app.http().post('/api/v1/events').set('Authorization', user.auth).send(eventBody()), 403);
      await patchUser(user.id, admin.auth, { role: 'organizer' }).expect(200);
      const relogin = await login(user).expect(200);
      expect(relogin.body.user.role).toBe('organizer');
      await app.http().post('/api/v1/events').set('Authorization', `Bearer ${relogin.body.accessToken}`).send(eventBody()).expect(201);
    });

    it('should carry the new role into a refreshed token when the role was granted', async () => {
      const user = await registerUser(app);
      await patchUser(user.id, admin.auth, { role: 'organizer' }).expect(200);
      const refreshed = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      expect(refreshed.body.user.role).toBe('organizer');
      await app.http().post('/api/v1/events').set('Authorization', `Bearer ${refreshed.body.accessToken}`).send(eventBody()).expect(201);
    });

    it('should take the organizer role back when an admin sets user', async () => {
      const organizer = await registerOrganizer(app);
      await createEvent(app, {}, organizer);
      const response = await patchUser(organizer.id, admin.auth, { role: 'user' }).expect(200);
      expect(response.body.role).toBe('user');
      const relogin = await login(organizer).expect(200);
      const created = await app.http().post('/api/v1/events').set('Authorization', `Bearer ${relogin.body.accessToken}`).send(eventBody());
      expectError(created, 403);
    });

    it('should answer 403 when the caller is not an admin', async () => {
      const [user, target] = [await registerUser(app), await registerUser(app)];
      expectError(await patchUser(target.id, user.auth, { role: 'organizer' }), 403);
      expectError(await patchUser(user.id, user.auth, { role: 'admin' }), 403);
      const organizer = await registerOrganizer(app);
      expectError(await patchUser(organizer.id, organizer.auth, { role: 'admin' }), 403);
      const me = await app.http().get('/api/v1/auth/me').set('Authorization', user.auth).expect(200);
      expect(me.body.role).toBe('user');
    });

    it('should answer 401 when no token is sent', async () => {
      const user = await registerUser(app);
      expectError(await app.http().patch(`/api/v1/users/${user.id}`).send({ role: 'organizer' }), 401);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      expectError(await patchUser('not-a-uuid', admin.auth, { role: 'organizer' }), 400, 'id');
    });

    it('should answer 404 when no user has the id', async () => {
      expectError(await patchUser(randomUUID(), admin.auth, { role: 'organizer' }), 404);
    });

    it('should answer 400 naming role when the role is not a platform role', async () => {
      const user = await registerUser(app);
      for (const role of ['superuser', 'Organizer', '', 42, null]) {
        expectError(await patchUser(user.id, admin.auth, { role }), 400, 'role');
      }
      expectError(await patchUser(user.id, admin.auth, {}), 400, 'role');
    });

    it('should answer 400 naming an unknown field when one is sent', async () => {
      const user = await registerUser(app);
      expectError(await patchUser(user.id, admin.auth, { role: 'organizer', email: 'x@arena.test' }), 400, 'email');
      const me = await app.http().get('/api/v1/auth/me').set('Authorization', user.auth).expect(200);
      expect(me.body).toMatchObject({ email: user.email, role: 'user' });
    });
  });
});
