import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './utils/test-app';
import { registerUser } from './factories/user.factory';

describe('platform (health, docs, errors, schema)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should report database, redis and queues up on /health', async () => {
    const response = await app.http().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(Object.keys(response.body.info)).toEqual(expect.arrayContaining(['database', 'redis', 'queues']));
  });

  it('should serve the OpenAPI document with the contract paths on /docs', async () => {
    const response = await app.http().get('/docs/json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/register', '/api/v1/events', '/api/v1/events/{slug}/teams/join']));
    await app.http().get('/docs').expect(200);
  });

  it('should answer unknown routes with the error shape and a request id', async () => {
    const response = await app.http().get('/api/v1/nope').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(typeof response.body.requestId).toBe('string');
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
  });

  it('should echo a caller-supplied request id', async () => {
    const response = await app.http().get('/api/v1/auth/me').set('x-request-id', 'trace-abc-123').expect(401);
    expect(response.body.requestId).toBe('trace-abc-123');
  });

  it('should answer malformed JSON with 400 in the error shape', async () => {
    const response = await app.http().post('/api/v1/auth/register').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('should refuse a JSON body over 1 MB with 413', async () => {
    const response = await app
      .http()
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(1024 * 1024 + 10), displayName: 'x', country: 'VN' }))
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('should reject unknown body fields naming them', async () => {
    const user = await registerUser(app);
    const response = await app.http().post('/api/v1/events/whatever/registrations').set('Authorization', user.auth).send({ bogus: 1 }).expect(400);
    expect(response.body.message).toEqual(expect.arrayContaining([expect.stringContaining('bogus')]));
  });

  it('should send helmet security headers', async () => {
    const response = await app.http().get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
  });

  it('should have entities and migrations agree (no pending schema change)', async () => {
    const dataSource = app.app.get(DataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
