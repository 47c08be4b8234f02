import { spawnSync } from 'child_process';
import { mkdirSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { Browser, chromium } from 'playwright-core';
import { createTestApp, TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of the main pages, kept as test artifacts (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'test', 'artifacts', 'web');

/** Builds dist/web with Vite unless it is newer than apps/web (scripts/web-build.mjs decides, as npm start does), once across the suites running at the same time. */
export function ensureWebBuild(): void {
  const script = "import { ensureWebBuild } from './scripts/web-build.mjs'; await ensureWebBuild();";
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web build failed: ${result.stderr}`);
}

export interface WebHarness {
  app: TestApp;
  browser: Browser;
  baseUrl: string;
  close: () => Promise<void>;
}

/** The real api serving the built app on a free port, and Debian's Chromium driven by playwright-core. */
export async function startWebHarness(): Promise<WebHarness> {
  ensureWebBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const app = await createTestApp({ WEB_DIR: join(ROOT, 'dist', 'web') });
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    app,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}
