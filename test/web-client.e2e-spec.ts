import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTestApp, TestApp } from './utils/test-app';

const SCRIPT = join(__dirname, '..', 'scripts', 'web-client.mjs');

// The web app's API types are generated from the api's OpenAPI document; a changed API must come with a regenerated
// client. UPDATE_WEB_CLIENT=1 writes it instead of checking (the same as npm run web:client against npm start).
describe('web client (generated from the OpenAPI document)', () => {
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    app = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'arena-web-client-'));
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should match a fresh generation when the committed client is current', async () => {
    const document = await app.http().get('/docs/json').expect(200);
    const input = join(dir, 'openapi.json');
    writeFileSync(input, JSON.stringify(document.body));
    const args = [SCRIPT, '--input', input, ...(process.env.UPDATE_WEB_CLIENT === '1' ? [] : ['--check'])];
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('should fail the check when the document differs from the committed client', () => {
    const input = join(dir, 'changed.json');
    writeFileSync(input, JSON.stringify({ openapi: '3.0.0', info: { title: 'x', version: '1' }, paths: {} }));
    const result = spawnSync(process.execPath, [SCRIPT, '--input', input, '--check'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('stale');
  });
});
