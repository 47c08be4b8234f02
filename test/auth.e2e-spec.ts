import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'crypto';
import { Response } from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

const JWT_SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectError(response: Response, statusCode: number): void {
  expect(response.status).toBe(statusCode);
  expect(response.body).toEqual(expect.objectContaining({ statusCode, error: expect.any(String), message: expect.anything(), requestId: expect.any(String) }));
}

/** Asserts a 400 whose messages name every given field. */
function expectInvalid(response: Response, ...fields: string[]): void {
  expectError(response, 400);
  const text = ([] as string[]).concat(response.body.message).join(' | ');
  for (const field of fields) expect(text).toContain(field);
}

const newAccount = (overrides: Record<string, unknown> = {}) => ({
  email: `player-${randomUUID()}@arena.test`,
  password: 'correct-horse-battery',
  displayName: 'Minh Anh',
  country: 'VN',
  ...overrides,
});

describe('auth (register, login, me, refresh)', () => {
  let app: TestApp;
  const post = (path: string, body: unknown) =>
    app
      .http()
      .post(`/api/v1/auth/${path}`)
      .send(body as object);
  const me = (token: string) => app.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('POST /auth/register', () => {
    it('should return the user and a token pair when the body is valid', async () => {
      const account = newAccount({ country: 'kr' });
      const response = await post('register', account).expect(201);
      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'refreshToken', 'user']);
      expect(response.body.user).toEqual({
        id: expect.stringMatching(UUID),
        email: account.email,
        displayName: 'Minh Anh',
        country: 'KR',
        role: 'user',
      });
      expect(typeof response.body.accessToken).toBe('string');
      expect(typeof response.body.refreshToken).toBe('string');
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|passwordHash|correct-horse/);
      await me(response.body.accessToken).expect(200);
    });

    it('should answer 409 when the email is taken', async () => {
      const account = newAccount();
      await post('register', account).expect(201);
      expectError(await post('register', { ...account, displayName: 'Someone else' }), 409);
    });

    it('should answer 409 when the email differs only in letter case', async () => {
      const local = `Case-${randomUUID()}`;
      await post('register', newAccount({ email: `${local}@X.org` })).expect(201);
      expectError(await post('register', newAccount({ email: `${local.toLowerCase()}@x.org` })), 409);
    });

    it('should answer 400 naming each bad field when several are bad', async () => {
      const response = await post('register', { email: 'not-an-email', password: 'short', country: 'XX' });
      expectInvalid(response, 'email', 'password', 'displayName', 'country');
    });

    it('should answer 400 naming the password when it has fewer than 10 characters', async () => {
      expectInvalid(await post('register', newAccount({ password: '123456789' })), 'password');
      await post('register', newAccount({ password: '1234567890' })).expect(201);
    });

    it('should answer 400 naming the country when it is not an ISO alpha-2 code', async () => {
      for (const country of ['XX', 'Vietnam', 'VNM', '']) {
        expectInvalid(await post('register', newAccount({ country })), 'country');
      }
    });

    it('should answer 400 naming displayName when it is missing', async () => {
      const { displayName: _omitted, ...account } = newAccount();
      expectInvalid(await post('register', account), 'displayName');
    });

    it('should answer 400 naming an unknown field when one is sent', async () => {
      expectInvalid(await post('register', newAccount({ role: 'admin' })), 'role');
    });
  });

  describe('POST /auth/login', () => {
    it('should return the user and a working token pair when the password is right', async () => {
      const user = await registerUser(app);
      const response = await post('login', { email: user.email.toUpperCase(), password: user.password }).expect(200);
      expect(response.body.user).toEqual({ id: user.id, email: user.email, displayName: expect.any(String), country: 'VN', role: 'user' });
      expect(typeof response.body.refreshToken).toBe('string');
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|passwordHash/);
      expect((await me(response.body.accessToken).expect(200)).body.id).toBe(user.id);
    });

    it('should answer 401 with the same body when the password is wrong or the email unknown', async () => {
      const user = await registerUser(app);
      const wrongPassword = await post('login', { email: user.email, password: 'wrong-password-123' });
      const unknownEmail = await post('login', { email: `nobody-${randomUUID()}@arena.test`, password: user.password });
      expectError(wrongPassword, 401);
      expectError(unknownEmail, 401);
      const { requestId: _a, ...first } = wrongPassword.body;
      const { requestId: _b, ...second } = unknownEmail.body;
      expect(first).toEqual(second);
    });

    it('should answer 400 naming the fields when they are missing', async () => {
      expectInvalid(await post('login', {}), 'email', 'password');
      expectInvalid(await post('login', { email: 'a@arena.test' }), 'password');
      expectInvalid(await post('login', { password: 'whatever-password' }), 'email');
    });
  });

  describe('GET /auth/me', () => {
    const signed = (claims: object, secret: string, expiresIn: number) => new JwtService({ secret }).sign(claims, { expiresIn, algorithm: 'HS256' });

    it('should return the caller when the token is valid', async () => {
      const user = await registerUser(app, { country: 'th', displayName: 'Somchai' });
      const response = await app.http().get('/api/v1/auth/me').set('Authorization', user.auth).expect(200);
      expect(response.body).toEqual({ id: user.id, email: user.email, displayName: 'Somchai', country: 'TH', role: 'user' });
    });

    it('should answer 401 when no token is sent', async () => {
      expectError(await app.http().get('/api/v1/auth/me'), 401);
    });

    it('should answer 401 when the token is garbage', async () => {
      expectError(await me('garbage.not.ajwt'), 401);
      expectError(await app.http().get('/api/v1/auth/me').set('Authorization', 'Basic abc'), 401);
    });

    it('should answer 401 when the token has expired', async () => {
      const user = await registerUser(app);
      const claims = { sub: user.id, role: 'user', exp: Math.floor(Date.now() / 1000) - 60 };
      const expired = new JwtService({ secret: JWT_SECRET }).sign(claims, { algorithm: 'HS256' });
      expectError(await me(expired), 401);
      // The same claims, live, are accepted: the expiry alone made the difference.
      await me(signed({ sub: user.id, role: 'user' }, JWT_SECRET, 60)).expect(200);
    });

    it('should answer 401 when the token is signed with another secret', async () => {
      const user = await registerUser(app);
      expectError(await me(signed({ sub: user.id, role: 'admin' }, 'another-secret-another-secret-another', 60)), 401);
    });
  });

  describe('POST /auth/refresh', () => {
    it('should return a new working pair when the refresh token is live', async () => {
      const user = await registerUser(app);
      const response = await post('refresh', { refreshToken: user.refreshToken }).expect(200);
      expect(response.body.user.id).toBe(user.id);
      expect(response.body.refreshToken).not.toBe(user.refreshToken);
      expect((await me(response.body.accessToken).expect(200)).body.id).toBe(user.id);
      await post('refresh', { refreshToken: response.body.refreshToken }).expect(200);
    });

    it('should answer 401 when a refresh token is used a second time', async () => {
      const user = await registerUser(app);
      await post('refresh', { refreshToken: user.refreshToken }).expect(200);
      expectError(await post('refresh', { refreshToken: user.refreshToken }), 401);
    });

    it("should revoke the user's other refresh tokens when a spent one is replayed", async () => {
      const user = await registerUser(app);
      const otherLogin = await post('login', { email: user.email, password: user.password }).expect(200);
      const rotated = await post('refresh', { refreshToken: user.refreshToken }).expect(200);
      expectError(await post('refresh', { refreshToken: user.refreshToken }), 401);
      expectError(await post('refresh', { refreshToken: rotated.body.refreshToken }), 401);
      expectError(await post('refresh', { refreshToken: otherLogin.body.refreshToken }), 401);
      // Logging in again still works and starts afresh.
      const fresh = await post('login', { email: user.email, password: user.password }).expect(200);
      await post('refresh', { refreshToken: fresh.body.refreshToken }).expect(200);
    });

    it("should not touch other users' tokens when one user replays a token", async () => {
      const [victim, bystander] = [await registerUser(app), await registerUser(app)];
      await post('refresh', { refreshToken: victim.refreshToken }).expect(200);
      await post('refresh', { refreshToken: victim.refreshToken }).expect(401);
      await post('refresh', { refreshToken: bystander.refreshToken }).expect(200);
    });

    it('should answer 401, not 500, when the refresh token is malformed', async () => {
      const user = await registerUser(app);
      const [id, secret] = user.refreshToken.split('.');
      const malformed = ['garbage', '', '.', 'a.b.c', `${id}.`, `.${secret}`, `${randomUUID()}.${secret}`, `${id}.${secret}x`, `${id.toUpperCase()}.${secret}`];
      for (const refreshToken of malformed) expectError(await post('refresh', { refreshToken }), 401);
      // None of those spent or revoked the real token.
      await post('refresh', { refreshToken: user.refreshToken }).expect(200);
    });

    it('should answer 400 naming refreshToken when it is missing or not a string', async () => {
      expectInvalid(await post('refresh', {}), 'refreshToken');
      expectInvalid(await post('refresh', { refreshToken: 42 }), 'refreshToken');
    });

    it.each([2, 5])('should let exactly one of %i concurrent uses of one refresh token succeed', async (count) => {
      const user = await registerUser(app);
      const responses = await Promise.all(Array.from({ length: count }, () => post('refresh', { refreshToken: user.refreshToken })));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array(count - 1).fill(401)]);
      for (const response of responses.filter((r) => r.status === 401)) expectError(response, 401);
    });
  });

  // A sign-in storm multiplies every round trip: a transaction around a lone INSERT costs two more.
  describe('statements of a sign-in', () => {
    /** The SQL statements `send` makes this api run against users and refresh_tokens, and whether each ran in a transaction. */
    const statementsOf = async (send: () => Promise<unknown>) => {
      const original = PostgresQueryRunner.prototype.query;
      const seen: Array<{ sql: string; inTransaction: boolean }> = [];
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args) {
        seen.push({ sql: String(args[0]), inTransaction: this.isTransactionActive });
        return original.apply(this, args);
      });
      try {
        await send();
      } finally {
        spy.mockRestore();
      }
      return seen
        .filter(({ sql }) => /"(users|refresh_tokens)"/.test(sql))
        .map(
          ({ sql, inTransaction }) =>
            `${sql
              .trim()
              .split(/[\s(]+/)
              .slice(0, 3)
              .join(' ')}${inTransaction ? ' (in a transaction)' : ''}`,
        );
    };

    it('should read the user and insert the refresh token in one statement each when logging in', async () => {
      const user = await registerUser(app);
      const statements = await statementsOf(() => post('login', { email: user.email, password: user.password }).expect(200));
      expect(statements).toEqual(['SELECT "UserEntity"."id" AS', 'INSERT INTO "refresh_tokens"']);
    });

    it('should insert the user and the refresh token in one statement each when registering', async () => {
      const statements = await statementsOf(() => post('register', newAccount()).expect(201));
      expect(statements).toEqual(['INSERT INTO "users"', 'INSERT INTO "refresh_tokens"']);
    });
  });
});
