import { execFile } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { createTestApp, TestApp } from './utils/test-app';

const BANNER = join(__dirname, '..', 'scripts', 'banner.mjs');

// The banner's address lines for a running api, as `npm start` prints them (scripts/banner.mjs probes every address).
async function bannerFor(base: string): Promise<{ lines: string[]; exitCode: number }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [BANNER, base], { timeout: 20_000 });
    return { lines: stdout.trimEnd().split('\n'), exitCode: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    return { lines: (failed.stdout ?? '').trimEnd().split('\n'), exitCode: failed.code ?? -1 };
  }
}

async function listen(app: TestApp): Promise<string> {
  await app.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
}

describe('start banner (only addresses that answer)', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'arena-banner-web-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'arena-banner-empty-'));

  afterAll(() => {
    rmSync(webDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('should print app, api, docs and health when each answers', async () => {
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Arena</title>');
    const app = await createTestApp({ WEB_DIR: webDir });
    try {
      const base = await listen(app);
      const { lines, exitCode } = await bannerFor(base);
      expect(exitCode).toBe(0);
      expect(lines).toEqual([`    app      ${base}`, `    api      ${base}/api/v1`, `    docs     ${base}/docs`, `    health   ${base}/health`]);
    } finally {
      await app.close();
    }
  });

  it('should leave out the app address, and say why, when the web app is not built (it would answer 404)', async () => {
    const app = await createTestApp({ WEB_DIR: emptyDir });
    try {
      const base = await listen(app);
      const { lines } = await bannerFor(base);
      expect(lines.some((line) => line.startsWith('    app '))).toBe(false);
      expect(lines).toEqual(expect.arrayContaining([`    api      ${base}/api/v1`, `    docs     ${base}/docs`, `    health   ${base}/health`]));
      expect(lines[lines.length - 1]).toBe('    not answering: app (404) (the app needs its build: npm run build:web)');
    } finally {
      await app.close();
    }
  });

  it('should print no address when the server answers none of them', async () => {
    const server: Server = createServer((_request, response) => response.writeHead(404, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { lines, exitCode } = await bannerFor(base);
      expect(lines).toEqual(['    not answering: app (404), api (404), docs (404), health (404) (the app needs its build: npm run build:web)']);
      expect(exitCode).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('should print no address when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const { lines, exitCode } = await bannerFor(`http://127.0.0.1:${port}`);
    expect(lines.join('\n')).not.toMatch(/^ {4}(app|api|docs|health) /m);
    expect(lines[0]).toContain('ECONNREFUSED');
    expect(exitCode).toBe(1);
  });
});
