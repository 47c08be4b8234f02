import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTestApp, TestApp } from './utils/test-app';

// The api serves the built web app (WEB_DIR): a small stand-in build keeps this suite independent of Vite.
describe('web app serving', () => {
  let app: TestApp;
  let dir: string;
  const page = '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-AbC123.js"></script></body></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arena-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), page);
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("app")');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await createTestApp({ WEB_DIR: dir });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const html = (path: string) => app.http().get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');

  it('should serve index.html with no-cache and a script policy when the root is asked as a page', async () => {
    const response = await html('/').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.text).toBe(page);
  });

  it('should serve index.html when a deep link is asked as a page', async () => {
    for (const path of ['/events', '/events/acs-prelim/board?projector', '/join/abc123', '/profile']) {
      const response = await html(path).expect(200);
      expect(response.text).toBe(page);
    }
  });

  it('should serve hashed assets with long immutable caching when a file under assets/ is asked', async () => {
    const response = await app.http().get('/assets/index-AbC123.js').expect(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.text).toBe('console.log("app")');
  });

  it('should revalidate unhashed files when a top-level file is asked', async () => {
    const response = await app.http().get('/favicon.svg').expect(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('should answer a JSON 404 when a missing asset is asked without text/html', async () => {
    const response = await app.http().get('/assets/gone-123.js').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ statusCode: 404, requestId: expect.any(String) });
  });

  it('should answer a JSON 404 when an unknown API path is asked, even as a page', async () => {
    for (const path of ['/api/v1/nope', '/api/nope', '/api']) {
      const response = await html(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) });
    }
  });

  it('should keep the API, health and docs answering JSON when they are asked as pages', async () => {
    const events = await html('/api/v1/events').expect(200);
    expect(Array.isArray(events.body)).toBe(true);
    const health = await html('/health').expect(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    const docs = await app.http().get('/docs/json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    const ui = await html('/docs').expect(200);
    expect(ui.text).not.toBe(page);
  });

  it('should answer the API 404 when a non-GET reaches an unknown path', async () => {
    const response = await app.http().post('/events').set('Accept', 'text/html').send({}).expect(404);
    expect(response.body).toMatchObject({ statusCode: 404 });
  });
});
