import { randomInt } from 'crypto';
import { Response } from 'supertest';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

function expectRateLimited(response: Response): void {
  expect(response.status).toBe(429);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: 429, error: 'Too Many Requests', message: expect.anything(), requestId: expect.any(String) }));
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

// A fresh client address per test, so tests never share an IP budget.
const uniqueIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const statusesOf = (responses: Response[]) => responses.map((response) => response.status).sort();

describe('auth limits', () => {
  // Default settings (10 failures per account; the harness lifts the per-IP limit).
  let app: TestApp;
  // 3 failures per account, behind a trusted proxy.
  let strict: TestApp;
  // 5 auth requests per IP per minute, behind a trusted proxy.
  let limited: TestApp;
  // 3 auth requests per IP per 4-second window, behind a trusted proxy.
  let retrying: TestApp;
  // 4 failed logins per address, 5 per account over every address, behind a trusted proxy.
  let shared: TestApp;

  const login = (target: TestApp, user: Pick<TestUser, 'email' | 'password'>, ip?: string) => {
    const call = target.http().post('/api/v1/auth/login');
    return (ip ? call.set('X-Forwarded-For', ip) : call).send({ email: user.email, password: user.password });
  };
  const wrong = (user: TestUser) => ({ email: user.email, password: 'wrong-password-123' });

  beforeAll(async () => {
    app = await createTestApp();
    strict = await createTestApp({ LOGIN_FAILURES_PER_ACCOUNT: '3', TRUST_PROXY: 'true' });
    limited = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'true' });
    retrying = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '4', TRUST_PROXY: 'true' });
    shared = await createTestApp({ LOGIN_FAILURES_PER_ADDRESS: '4', LOGIN_FAILURES_PER_ACCOUNT_TOTAL: '5', LOGIN_FAILURES_PER_ACCOUNT: '3', TRUST_PROXY: 'true' });
  });

  afterAll(async () => {
    await Promise.all([app.close(), strict.close(), limited.close(), retrying.close(), shared.close()]);
  });

  describe('failed logins per account', () => {
    it('should answer 429 with Retry-After on the 11th attempt when 10 logins failed (the default)', async () => {
      const user = await registerUser(app);
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        expect((await login(app, wrong(user))).status).toBe(401);
      }
      const blocked = await login(app, user);
      expectRateLimited(blocked);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    });

    it('should still let another account log in when one account is blocked', async () => {
      const [victim, other] = [await registerUser(app), await registerUser(app)];
      for (let attempt = 1; attempt <= 10; attempt += 1) await login(app, wrong(victim)).expect(401);
      expectRateLimited(await login(app, victim));
      await login(app, other).expect(200);
    });

    it('should block the 4th attempt when LOGIN_FAILURES_PER_ACCOUNT is 3', async () => {
      const user = await registerUser(strict);
      for (let attempt = 1; attempt <= 3; attempt += 1) await login(strict, wrong(user)).expect(401);
      expectRateLimited(await login(strict, user));
    });

    it('should count failures per account and address when the letter case of the email changes', async () => {
      const user = await registerUser(strict);
      const ip = uniqueIp();
      await login(strict, wrong(user), ip).expect(401);
      await login(strict, { email: user.email.toUpperCase(), password: 'nope-nope-nope' }, ip).expect(401);
      await login(strict, wrong(user), ip).expect(401);
      expectRateLimited(await login(strict, user, ip));
    });

    // Was: failures from many addresses added up per account, so anyone knowing a player's email could lock them out.
    it("should let the owner log in from their address when an attacker spent the account's failures from another", async () => {
      const owner = await registerUser(strict);
      const attacker = uniqueIp();
      for (let attempt = 1; attempt <= 3; attempt += 1) await login(strict, wrong(owner), attacker).expect(401);
      expectRateLimited(await login(strict, owner, attacker));
      await login(strict, owner, uniqueIp()).expect(200);
      expectRateLimited(await login(strict, wrong(owner), attacker));
    });

    it('should not count a successful login as a failure', async () => {
      const user = await registerUser(strict);
      // With successes counted, the 4th attempt (the second right one) would already be refused.
      for (let round = 1; round <= 2; round += 1) {
        await login(strict, wrong(user)).expect(401);
        await login(strict, user).expect(200);
      }
      await login(strict, wrong(user)).expect(401);
      // Three failures in all now: the next attempt is refused, right password or not.
      expectRateLimited(await login(strict, user));
    });

    it('should let at most the limit of concurrent wrong passwords be tried when they arrive at once', async () => {
      const user = await registerUser(strict);
      const responses = await Promise.all(Array.from({ length: 8 }, () => login(strict, wrong(user))));
      expect(statusesOf(responses)).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
      expectRateLimited(await login(strict, user));
    });
  });

  describe('failed logins per address and per account over every address', () => {
    it('should let many players behind one address sign in but refuse any login from it once its failures across accounts are spent', async () => {
      const ip = uniqueIp();
      const players = await Promise.all(Array.from({ length: 6 }, () => registerUser(shared)));
      // Successful sign-ins of a NAT's players never count.
      for (const player of players) await login(shared, player, ip).expect(200);
      for (const player of players.slice(0, 4)) await login(shared, wrong(player), ip).expect(401);
      expectRateLimited(await login(shared, players[5], ip));
      expectRateLimited(await login(shared, wrong(players[4]), ip));
      // Another address is not slowed.
      await login(shared, players[5], uniqueIp()).expect(200);
    });

    it('should refuse an account guessed from many addresses once its failures over every address are spent, and not count the refusals', async () => {
      const user = await registerUser(shared);
      for (const ip of [uniqueIp(), uniqueIp(), uniqueIp(), uniqueIp(), uniqueIp()]) await login(shared, wrong(user), ip).expect(401);
      const fresh = uniqueIp();
      expectRateLimited(await login(shared, user, fresh));
      expectRateLimited(await login(shared, wrong(user), fresh));
      // The refusals took nothing from the fresh address's own budget: another account signs in from it.
      const [other, third] = [await registerUser(shared), await registerUser(shared)];
      await login(shared, wrong(other), fresh).expect(401);
      await login(shared, wrong(other), fresh).expect(401);
      await login(shared, wrong(third), fresh).expect(401);
      await login(shared, third, fresh).expect(200);
    });
  });

  describe('auth requests per IP', () => {
    it('should give a client that keeps retrying before Retry-After a fresh budget when the window ends', async () => {
      const user = await registerUser(app);
      const ip = uniqueIp();
      const refresh = () => retrying.http().post('/api/v1/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken: 'x.y' });
      for (let attempt = 1; attempt <= 3; attempt += 1) await refresh().expect(401);
      // Half-way into the 4-second window, the client retries without pause, ignoring Retry-After. Counted refusals
      // filled the next window before the block ended and blocked it again, for as long as the client kept retrying;
      // the loop gives it four windows.
      await sleep(2_000);
      const statuses: number[] = [];
      const giveUpAt = Date.now() + 16_000;
      do {
        const response = await refresh();
        statuses.push(response.status);
        if (response.status === 429) expectRateLimited(response);
        await sleep(20);
      } while (statuses[statuses.length - 1] === 429 && Date.now() < giveUpAt);
      expect(statuses[0]).toBe(429);
      expect(statuses[statuses.length - 1]).toBe(401);
      await login(retrying, user, ip).expect(200);
    });

    it('should answer 429 with Retry-After to the 6th auth request of a minute from one address', async () => {
      const user = await registerUser(app);
      const ip = uniqueIp();
      for (let attempt = 1; attempt <= 5; attempt += 1) await login(limited, user, ip).expect(200);
      expectRateLimited(await login(limited, user, ip));
    });

    it('should count every /auth/* route against one budget when requests mix routes', async () => {
      const user = await registerUser(app);
      const ip = uniqueIp();
      const http = () => limited.http();
      await login(limited, wrong(user), ip).expect(401);
      await http().post('/api/v1/auth/register').set('X-Forwarded-For', ip).send({ email: 'bad' }).expect(400);
      await http().post('/api/v1/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken: 'garbage' }).expect(401);
      await login(limited, user, ip).expect(200);
      await login(limited, user, ip).expect(200);
      expectRateLimited(await http().post('/api/v1/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken: user.refreshToken }));
      // The refused refresh did not spend the token.
      await app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    });

    it('should never count /auth/me against the per-IP budget, nor refuse it when the address is blocked', async () => {
      const user = await registerUser(app);
      const ip = uniqueIp();
      const me = () => limited.http().get('/api/v1/auth/me').set('X-Forwarded-For', ip).set('Authorization', user.auth);
      for (let call = 1; call <= 8; call += 1) await me().expect(200);
      for (let attempt = 1; attempt <= 5; attempt += 1) await login(limited, user, ip).expect(200);
      expectRateLimited(await login(limited, user, ip));
      await me().expect(200);
    });

    it('should not block another address when one address is over the limit', async () => {
      const user = await registerUser(app);
      const blockedIp = uniqueIp();
      for (let attempt = 1; attempt <= 5; attempt += 1) await login(limited, user, blockedIp).expect(200);
      expectRateLimited(await login(limited, user, blockedIp));
      await login(limited, user, uniqueIp()).expect(200);
    });

    it('should let exactly the limit through when 8 requests from one address arrive at once', async () => {
      const user = await registerUser(app);
      const ip = uniqueIp();
      const responses = await Promise.all(Array.from({ length: 8 }, () => login(limited, wrong(user), ip)));
      expect(statusesOf(responses)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    });

    it('should never limit non-auth routes by IP when the address is blocked on /auth', async () => {
      const user = await registerUser(app);
      const ip = uniqueIp();
      for (let attempt = 1; attempt <= 6; attempt += 1) await login(limited, user, ip);
      expectRateLimited(await login(limited, user, ip));
      const responses = await Promise.all(Array.from({ length: 20 }, () => limited.http().get('/api/v1/events').set('X-Forwarded-For', ip)));
      expect(responses.every((response) => response.status === 200)).toBe(true);
    });
  });
});
