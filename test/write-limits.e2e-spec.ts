import { randomUUID } from 'crypto';
import { Response } from 'supertest';
import { attempt, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

function expectWriteLimited(response: Response): void {
  expect(response.status).toBe(429);
  expect(response.body).toEqual(expect.objectContaining({ statusCode: 429, error: 'Too Many Requests', code: 'too-many-writes', requestId: expect.any(String) }));
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

// The harness lifts the bucket for the other suites; here it holds 10 writes and gives one back every 10 s, so a test's
// burst cannot be refilled while it runs.
describe('per-account write limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ WRITE_RATE_LIMIT_BURST: '10', WRITE_RATE_LIMIT_PER_SECOND: '0.1' });
  });

  afterAll(async () => {
    await app.close();
  });

  // Any authenticated write counts, whatever it answers: here a registration for an event that does not exist (404).
  const write = (auth: string) =>
    app
      .http()
      .post(`/api/v1/events/nope-${randomUUID().slice(0, 8)}/registrations`)
      .set('Authorization', auth)
      .send({});

  it('should answer 429 with Retry-After to a flooding account and leave another account alone', async () => {
    const [flooder, bystander] = [await registerUser(app), await registerUser(app)];
    const responses = await Promise.all(Array.from({ length: 30 }, () => write(flooder.auth)));
    const refused = responses.filter((response) => response.status === 429);
    expect(responses.filter((response) => response.status === 404).length).toBeGreaterThanOrEqual(10);
    expect(refused.length).toBeGreaterThanOrEqual(15);
    for (const response of refused) expectWriteLimited(response);
    expectWriteLimited(await write(flooder.auth));
    expect((await write(bystander.auth)).status).toBe(404);
  });

  it('should never limit reads when the account is out of writes', async () => {
    const user = await registerUser(app);
    await Promise.all(Array.from({ length: 15 }, () => write(user.auth)));
    expectWriteLimited(await write(user.auth));
    const reads = await Promise.all(Array.from({ length: 20 }, () => app.http().get('/api/v1/auth/me').set('Authorization', user.auth)));
    expect(reads.map((response) => response.status)).toEqual(Array(20).fill(200));
  });

  it('should limit flag attempts too when they flood (the fast path)', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    // Registering and creating the team took 2 of the captain's 10 writes.
    const { captain } = await ctfTeam(app, event);
    const statuses: number[] = [];
    for (let index = 0; index < 10; index += 1) {
      const response = await attempt(app, event, captain, challenge.id, challenge.flag);
      statuses.push(response.status);
      if (response.status === 429) expectWriteLimited(response);
    }
    expect(statuses).toEqual([...Array(8).fill(200), 429, 429]);
  });

  it('should not count anonymous or unauthenticated writes against an account', async () => {
    const user = await registerUser(app);
    const forged = `Bearer ${user.accessToken.slice(0, -4)}AAAA`;
    const anonymous = await Promise.all(Array.from({ length: 15 }, () => app.http().post('/api/v1/auth/refresh').send({ refreshToken: 'x.y' })));
    expect(anonymous.every((response) => response.status === 401)).toBe(true);
    const unauthenticated = await Promise.all(Array.from({ length: 15 }, () => write(forged)));
    expect(unauthenticated.every((response) => response.status === 401)).toBe(true);
    expect((await write(user.auth)).status).toBe(404);
  });

  it('should charge writes whose header the guard accepts in another spelling (lowercase scheme, extra spaces)', async () => {
    const user = await registerUser(app);
    const spellings = [`bearer ${user.accessToken}`, `Bearer  ${user.accessToken}`, `BEARER ${user.accessToken}`];
    const responses = await Promise.all(Array.from({ length: 30 }, (_, index) => write(spellings[index % spellings.length])));
    // Every spelling is a signed-in write to the guard (404 for the missing event), and the bucket counts each.
    expect(responses.filter((response) => response.status === 404).length).toBeLessThanOrEqual(10);
    expect(responses.filter((response) => response.status === 404).length).toBeGreaterThanOrEqual(1);
    for (const response of responses.filter((candidate) => candidate.status !== 404)) expectWriteLimited(response);
  });
});
