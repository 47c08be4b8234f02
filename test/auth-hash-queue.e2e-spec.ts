import * as argon2 from 'argon2';
import { randomInt, randomUUID } from 'crypto';
import { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// argon2's defaults, which hashes stored before the move to OWASP's parameters have: the slow checks of the finding.
const OLD_PARAMS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

// A request left hanging fails the test here instead of at jest's timeout.
const REQUEST_TIMEOUT_MS = 30_000;

const uniqueIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

function expectBusy(response: Response): void {
  expect(response.status).toBe(503);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: 503, error: 'Service Unavailable', code: 'busy', requestId: expect.any(String) }));
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

describe('auth hash queue (PASSWORD_HASH_QUEUE)', () => {
  // One hash at a time and one waiting; 3 failures per account and address; client addresses from X-Forwarded-For.
  let app: TestApp;
  let slow: TestUser;

  const login = (user: Pick<TestUser, 'email' | 'password'>, ip: string) =>
    app.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).timeout(REQUEST_TIMEOUT_MS).send({ email: user.email, password: user.password });
  const register = (email: string) =>
    app.http().post('/api/v1/auth/register').timeout(REQUEST_TIMEOUT_MS).send({ email, password: 'correct-horse-battery', displayName: 'Queued', country: 'VN' });
  // A wrong password for an account with an old hash: the slowest check an attacker can ask for.
  const slowGuess = () => login({ email: slow.email, password: 'wrong-password-123' }, uniqueIp());

  beforeAll(async () => {
    app = await createTestApp({
      PASSWORD_HASH_CONCURRENCY: '1',
      PASSWORD_HASH_QUEUE: '1',
      LOGIN_FAILURES_PER_ACCOUNT: '3',
      TRUST_PROXY: 'true',
    });
    slow = await registerUser(app);
    const db = app.app.get(DataSource);
    const oldHash = await argon2.hash(slow.password, OLD_PARAMS);
    await db.transaction(async (manager) => {
      await manager.query(`SELECT set_config('arena.password_rehash', 'on', true)`);
      await manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [slow.id, oldHash]);
    });
  });

  afterAll(async () => {
    await app.close();
  });

  // Was: every request waited its turn, however long the queue; a flood of slow guesses stalled every sign-in.
  it('should answer the logins and registrations past the queue 503 busy with Retry-After when they arrive at once', async () => {
    const emails = Array.from({ length: 4 }, () => `queued-${randomUUID()}@arena.test`);
    const [guesses, registrations] = await Promise.all([Promise.all(Array.from({ length: 8 }, slowGuess)), Promise.all(emails.map(register))]);
    for (const response of guesses) expect([401, 503]).toContain(response.status);
    for (const response of registrations) expect([201, 503]).toContain(response.status);
    const busy = [...guesses, ...registrations].filter((response) => response.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    busy.forEach(expectBusy);
    // A registration turned away left nothing behind: its email is still free.
    for (const [index, response] of registrations.entries()) {
      if (response.status === 503) await register(emails[index]).expect(201);
    }
  });

  it('should not count logins turned away busy as failures when the owner keeps retrying during a flood', async () => {
    const owner = await registerUser(app);
    const ownerIp = uniqueIp();
    let flooding = true;
    const flooder = async () => {
      while (flooding) await slowGuess();
    };
    const flood = Promise.all([flooder(), flooder(), flooder()]);
    const statuses: number[] = [];
    try {
      // More refusals than the account's 3 failures: had they counted, the owner would be locked out (429).
      for (let attempt = 0; attempt < 80 && statuses.filter((status) => status === 503).length < 5; attempt += 1) {
        const response = await login(owner, ownerIp);
        if (response.status === 503) expectBusy(response);
        statuses.push(response.status);
      }
    } finally {
      flooding = false;
      await flood;
    }
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(5);
    await login(owner, ownerIp).expect(200);
    // Failures still count: 3 wrong passwords lock the account at this address.
    for (let attempt = 1; attempt <= 3; attempt += 1) await login({ ...owner, password: 'wrong-password-123' }, ownerIp).expect(401);
    await login(owner, ownerIp).expect(429);
  });
});
