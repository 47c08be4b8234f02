import { randomUUID } from 'crypto';
import { TestApp } from '../utils/test-app';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  country: string;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header value. */
  auth: string;
}

export const ADMIN = { email: 'admin@arena.test', password: 'admin-password-e2e' };

/** Registers a new user with a unique email through the API. */
export async function registerUser(app: TestApp, overrides: { country?: string; displayName?: string } = {}): Promise<TestUser> {
  const email = `user-${randomUUID()}@arena.test`;
  const password = 'correct-horse-battery';
  const country = overrides.country ?? 'VN';
  const response = await app
    .http()
    .post('/api/v1/auth/register')
    .send({ email, password, displayName: overrides.displayName ?? `Player ${email.slice(5, 11)}`, country });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  const { user, accessToken, refreshToken } = response.body;
  return { id: user.id, email, password, country, accessToken, refreshToken, auth: `Bearer ${accessToken}` };
}

/** Logs in the bootstrap admin (ARENA_ADMIN_EMAIL of the harness). */
export async function loginAdmin(app: TestApp): Promise<TestUser> {
  const response = await app.http().post('/api/v1/auth/login').send(ADMIN);
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  const { user, accessToken, refreshToken } = response.body;
  return { id: user.id, ...ADMIN, country: user.country, accessToken, refreshToken, auth: `Bearer ${accessToken}` };
}

/** A fresh user promoted to platform organizer, logged in again so the token carries the role. */
export async function registerOrganizer(app: TestApp): Promise<TestUser> {
  const admin = await loginAdmin(app);
  const user = await registerUser(app);
  await app.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin.auth).send({ role: 'organizer' }).expect(200);
  const response = await app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  return { ...user, accessToken: response.body.accessToken, refreshToken: response.body.refreshToken, auth: `Bearer ${response.body.accessToken}` };
}
