import { randomUUID } from 'crypto';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { TestUser } from '../factories/user.factory';
import { startTestWorker } from './test-worker';
import { SCREENSHOTS, startWebHarness, WebHarness } from './web-browser';

// Shared helpers for browser suites: one harness per suite (the real api serving dist/web on a free port, and
// Debian's Chromium), one context per player, sign-up and sign-in the way a user does them or, when the journey is
// not about signing in, by handing the page a session made through the API.

export { SCREENSHOTS, startWebHarness };
export type { WebHarness };

/**
 * The harness plus the real worker in this process, for pages that show what the worker computes (boards pushed
 * over SSE, scored submissions); `close` stops both. `workerEnv` is set while the worker boots (AD_TICKS_ENV).
 */
export async function startWebHarnessWithWorker(workerEnv: Record<string, string> = {}): Promise<WebHarness> {
  const web = await startWebHarness();
  const worker = await startTestWorker(workerEnv);
  return {
    ...web,
    close: async () => {
      await worker.close();
      await web.close();
    },
  };
}

/** The password every browser-made account gets. */
export const WEB_PASSWORD = 'correct-horse-battery';

/** A player's own browser context and page; `errors` collects uncaught page errors (assert it stays empty). */
export interface PlayerPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close: () => Promise<void>;
}

export interface PlayerPageOptions {
  /** Browser locale, `en-US` unless given; the app picks its language from it on a first visit. */
  locale?: string;
  /** Viewport, e.g. `{ width: 360, height: 740 }` for the narrow-screen checks. */
  viewport?: { width: number; height: number };
  /** The system colour scheme the page sees (the app follows it), `light` unless given. */
  colorScheme?: 'light' | 'dark';
  /** An API-made user whose session the context starts with (signed in from the first page). */
  session?: SessionOf;
}

type SessionOf = Pick<TestUser, 'accessToken' | 'refreshToken'>;
const sessionValue = (user: SessionOf) => JSON.stringify({ accessToken: user.accessToken, refreshToken: user.refreshToken });

/** A fresh context (its own storage, so its own session) and page on the harness's app. */
export async function openPlayerPage(web: WebHarness | { browser: Browser; baseUrl: string }, options: PlayerPageOptions = {}): Promise<PlayerPage> {
  const storageState = options.session
    ? { cookies: [], origins: [{ origin: web.baseUrl, localStorage: [{ name: 'arena.session', value: sessionValue(options.session) }] }] }
    : undefined;
  const context = await web.browser.newContext({
    baseURL: web.baseUrl,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport,
    storageState,
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors, close: () => context.close() };
}

/** One browser suite's harness and the pages its tests open. */
export interface BrowserSuite {
  /** The harness, once the suite's beforeAll has run. */
  readonly web: WebHarness;
  /** A fresh context and page (see openPlayerPage), closed after the test that opened it. */
  open(options?: PlayerPageOptions): Promise<PlayerPage>;
}

/**
 * The hooks every browser suite needs; call it at the top of the suite's `describe`. The harness starts once (with
 * the worker in this process when `withWorker`, for pages that show what it computes), and the pages a test opened
 * are closed after it: an uncaught error in the app fails the test even when the page looked right.
 */
export function browserSuite(options: { withWorker?: boolean } = {}): BrowserSuite {
  let harness: WebHarness | undefined;
  const pages: PlayerPage[] = [];
  beforeAll(async () => {
    harness = await (options.withWorker ? startWebHarnessWithWorker() : startWebHarness());
  }, 300_000);
  afterAll(async () => {
    await harness?.close();
  });
  afterEach(async () => {
    const closing = pages.splice(0);
    await Promise.all(closing.map((page) => page.close()));
    expect(closing.flatMap((page) => page.errors)).toEqual([]);
  });
  const suite: BrowserSuite = {
    get web() {
      if (!harness) throw new Error('the browser suite has not started: call browserSuite() inside describe, and use web in hooks or tests');
      return harness;
    },
    open: async (pageOptions = {}) => {
      const page = await openPlayerPage(suite.web, pageOptions);
      pages.push(page);
      return page;
    },
  };
  return suite;
}

/** Signs up through the sign-up page (English interface) and waits for the events list; returns the account. */
export async function signUpInBrowser(page: Page, displayName: string, country = 'VN'): Promise<{ email: string; password: string }> {
  const email = `web-${randomUUID()}@arena.test`;
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(WEB_PASSWORD);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Country').selectOption(country);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
  return { email, password: WEB_PASSWORD };
}

/** Fills the sign-in page (English interface), opening it first unless the page is already there. */
export async function signInInBrowser(page: Page, user: { email: string; password: string }): Promise<void> {
  if (new URL(page.url()).pathname !== '/sign-in') await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/**
 * Puts an API-made user's tokens where the app keeps its session (localStorage `arena.session`), then opens `path`,
 * so the page is signed in without the sign-in page (and without a login, which the per-account limits count). Use
 * it when the journey is about something else; a context made with `openPlayerPage(web, { session })` starts so.
 */
export async function signInWithTokens(page: Page, user: SessionOf, path = '/events'): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto('/favicon.svg');
  await page.evaluate(`localStorage.setItem('arena.session', ${JSON.stringify(sessionValue(user))})`);
  await page.goto(path);
}

// Spinners loop for ever: only animations that end are waited for.
const FINITE_RUNNING_ANIMATIONS = 'document.getAnimations().filter((a) => a.playState === "running" && a.effect?.getTiming().iterations !== Infinity).length';

/** Resolves once the page's CSS transitions and animations are over (a modal fading in, say), for checks of colour. */
export async function animationsSettled(page: Page, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.evaluate(FINITE_RUNNING_ANIMATIONS)) !== 0) {
    if (Date.now() > deadline) throw new Error(`animations still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A full-page screenshot into test/artifacts/web/<name>.png. */
export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
