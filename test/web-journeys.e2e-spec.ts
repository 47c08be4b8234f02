import { randomUUID } from 'crypto';
import { join } from 'path';
import { BrowserContext, Page } from 'playwright-core';
import { createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createEvent, hoursFromNow, TestEvent } from './factories/event.factory';
import { SCREENSHOTS, startWebHarness, WebHarness } from './utils/web-browser';

// A participant's journeys in Debian's Chromium against the real api serving the built app. Queries go by role and
// label, as a user's eyes would.
jest.setTimeout(120_000);

const PASSWORD = 'correct-horse-battery';
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=(window.__xss||0)+1</script>';

describe('web app journeys (Chromium)', () => {
  let web: WebHarness;
  let event: TestEvent;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    web = await startWebHarness();
    event = await createEvent(web.app, {
      title: `Web Cup ${randomUUID().slice(0, 6)}`,
      description: 'Be kind.\nNo attacks on the platform.',
      // A minute ago, not an hour: the events list puts the newest start first and shows 500, and the other suites'
      // running events mostly started an hour before they were made, so this one stays on it however many the run made.
      startsAt: hoursFromNow(-1 / 60),
      endsAt: hoursFromNow(5),
    });
    await web.app
      .http()
      .post(`/api/v1/events/${event.slug}/announcements`)
      .set('Authorization', event.organiser.auth)
      .send({ title: 'Welcome', body: 'Challenges open now.' })
      .expect(201);
  }, 300_000);

  afterAll(async () => {
    await web?.close();
  });

  beforeEach(async () => {
    context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'en-US' });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await context.close();
    // An uncaught error in the app fails the journey even when the page looked right.
    expect(pageErrors).toEqual([]);
  });

  async function signUp(displayName: string): Promise<string> {
    const email = `web-${randomUUID()}@arena.test`;
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByLabel('Display name').fill(displayName);
    await page.getByLabel('Country').selectOption('VN');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    return email;
  }

  it('should sign up, land signed in on the events list and open an event page when a new player signs up', async () => {
    await signUp('Minh Anh');
    await page.getByRole('button', { name: 'Account' }).waitFor();
    expect(await page.getByRole('button', { name: 'Account' }).textContent()).toBe('Minh Anh');
    const card = page.getByRole('listitem').filter({ hasText: event.body.title as string });
    // The list is a read of its own, which may land after the Account button.
    await card.getByText('Running').waitFor();
    expect(await card.getByText(/ends in \d/).isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'events.png'), fullPage: true });

    await page.getByRole('link', { name: event.body.title as string }).click();
    await page.getByRole('heading', { level: 1, name: event.body.title as string }).waitFor();
    expect(await page.getByRole('heading', { name: 'Rules' }).isVisible()).toBe(true);
    expect(await page.getByText('No attacks on the platform.').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Timeline' }).isVisible()).toBe(true);
    // The announcements are a read of their own, which may land after the event's.
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    expect(page.url()).toBe(`${web.baseUrl}/events/${event.slug}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'event.png'), fullPage: true });
  });

  it('should keep the session when the page is reloaded, also after the access token expired', async () => {
    await signUp('Reload Player');
    await page.goto('/profile');
    await page.getByLabel('Display name').waitFor();
    await page.reload();
    expect(await page.getByLabel('Display name').inputValue()).toBe('Reload Player');

    // A spent access token: the app refreshes once and carries on.
    await page.evaluate(`localStorage.setItem('arena.session', JSON.stringify({ ...JSON.parse(localStorage.getItem('arena.session')), accessToken: 'expired' }))`);
    await page.reload();
    expect(await page.getByLabel('Display name').inputValue()).toBe('Reload Player');
    await page.screenshot({ path: join(SCREENSHOTS, 'profile.png'), fullPage: true });

    // A refresh token that no longer works: the app goes to sign-in.
    await page.evaluate(`localStorage.setItem('arena.session', JSON.stringify({ accessToken: 'expired', refreshToken: 'revoked' }))`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Arena' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('should save the profile when the player changes the display name', async () => {
    await signUp('Before');
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.getByLabel('Display name').fill('After');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.reload();
    expect(await page.getByLabel('Display name').inputValue()).toBe('After');
  });

  it('should sign out and sign in again when the player uses the account menu', async () => {
    const email = await signUp('Sign Out Player');
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Arena' }).waitFor();
    await page.getByRole('textbox', { name: 'Password' }).fill('wrong-password-1');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });
  });

  it('should show the field error next to the field when the API refuses a short password', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(`short-${randomUUID()}@arena.test`);
    await page.getByRole('textbox', { name: 'Password' }).fill('short');
    await page.getByLabel('Display name').fill('Short');
    await page.getByLabel('Country').selectOption('TH');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(/password must be longer/).waitFor();
    // The message is the field's accessible description, read out with it.
    const description = await page
      .getByRole('textbox', { name: 'Password' })
      .evaluate((input: { getAttribute(name: string): string | null; ownerDocument: { getElementById(id: string): { textContent: string | null } | null } }) =>
        (input.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => input.ownerDocument.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    expect(description).toMatch(/password must be longer/);
  });

  it('should change the interface text when the viewer switches to Korean', async () => {
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('heading', { name: 'Rules' }).waitFor();
    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('heading', { name: '규칙' }).waitFor();
    expect(await page.getByRole('heading', { name: '일정' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '대회' }).first().isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.screenshot({ path: join(SCREENSHOTS, 'event-ko.png'), fullPage: true });
    // The choice is kept across reloads.
    await page.reload();
    await page.getByRole('heading', { name: '규칙' }).waitFor();
  });

  it('should keep markup inert when an event title, description and announcement carry HTML and scripts', async () => {
    const hostile = await createEvent(web.app, { title: `XSS ${XSS}`, description: `Rules ${XSS}`, startsAt: hoursFromNow(-1), endsAt: hoursFromNow(5) });
    await web.app
      .http()
      .post(`/api/v1/events/${hostile.slug}/announcements`)
      .set('Authorization', hostile.organiser.auth)
      .send({ title: `News ${XSS}`, body: XSS })
      .expect(201);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/events');
    await page.getByRole('link', { name: `XSS ${XSS}` }).click();
    await page.getByRole('heading', { level: 1, name: `XSS ${XSS}` }).waitFor();
    await page.getByRole('heading', { name: `News ${XSS}` }).waitFor();
    expect(await page.getByText(`Rules ${XSS}`).isVisible()).toBe(true);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'xss.png'), fullPage: true });
  });

  it('should show the board by category and answer a wrong then a right flag when a team member plays', async () => {
    const ctf = await runningCtf(web.app, { title: `CTF ${randomUUID().slice(0, 6)}` });
    const { captain, team } = await ctfTeam(web.app, ctf);
    const warmup = await createChallenge(web.app, ctf, { name: 'warmup', category: 'web' });
    await createChallenge(web.app, ctf, { name: 'rsa-baby', category: 'crypto', description: `Factor it ${XSS}` });

    await page.goto(`/events/${ctf.slug}`);
    await page.getByRole('link', { name: 'Challenges' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Arena' }).waitFor();
    await page.getByLabel('Email').fill(captain.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(captain.password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Challenges' }).waitFor();
    const web_ = page.getByRole('region', { name: 'web' });
    // The heading renders before the list arrives.
    await web_.getByText('warmup').waitFor();
    expect(await page.getByRole('region', { name: 'crypto' }).getByText('rsa-baby').isVisible()).toBe(true);
    expect(await web_.getByText('Solves: 0').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'challenges.png'), fullPage: true });

    await page.getByRole('link', { name: 'Open warmup' }).click();
    const dialog = page.getByRole('dialog', { name: 'warmup' });
    await dialog.getByLabel('Flag').fill('ACS{nope}');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.getByText('Incorrect flag.').waitFor();
    await dialog.getByLabel('Flag').fill(warmup.flag);
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.getByText('Correct! The challenge is now worth 100 points.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'challenge-correct.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await web_.getByText('Solved').waitFor();
    expect(await web_.getByText('Solves: 1').isVisible()).toBe(true);
    expect(await web_.getByText(`First blood: ${team.name}`).isVisible()).toBe(true);

    // A challenge description is text: its markup does not run.
    await page.getByRole('link', { name: 'Open rsa-baby' }).click();
    await page.getByRole('dialog', { name: 'rsa-baby' }).getByText(`Factor it ${XSS}`).waitFor();
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  });

  it('should load a deep link directly when the address of an event page is opened', async () => {
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('heading', { level: 1, name: event.body.title as string }).waitFor();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });
});
