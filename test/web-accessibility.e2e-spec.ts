import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createTask, labelledTruth, postSubmission, predictionsCsv, runningAiEvent } from './factories/ai.factory';
import { TestEvent } from './factories/event.factory';
import { buildZip, configure, postProject, runningHackathon } from './factories/hackathon.factory';
import { createTeam } from './factories/team.factory';
import { TestUser } from './factories/user.factory';
import type { Result } from 'axe-core';
import { axeViolations, BLOCKING_IMPACTS, describeViolations } from './utils/axe';
import { animationsSettled, openPlayerPage, PlayerPage, PlayerPageOptions, screenshot, startWebHarness, WebHarness } from './utils/web-session';

// Accessibility of the main pages in Debian's Chromium: axe-core finds no serious or critical violation (in the light
// and the dark scheme), every field and control has a name, the pages fit a 360 px screen, and a player can play by
// keyboard alone.
jest.setTimeout(120_000);

/** What the pages are shown with: a running CTF with a team (the player's), solves, hints, a file and an announcement. */
interface A11yFixture {
  web: WebHarness;
  ctf: TestEvent;
  player: TestUser;
  challengeId: string;
}

interface PageCase {
  name: string;
  /** The page is opened signed in as the fixture's player unless `false`. */
  signedIn?: boolean;
  /** The address to open; may create what the page needs first. */
  path: (fixture: A11yFixture) => string | Promise<string>;
  /** Resolves once the page shows its content (not a loader). */
  ready: (page: Page) => Promise<unknown>;
}

// One line per page; features add theirs (leaderboard, projector).
const PAGES: PageCase[] = [
  { name: 'events', signedIn: false, path: () => '/events', ready: (page) => page.getByRole('listitem').first().waitFor() },
  { name: 'event', path: ({ ctf }) => `/events/${ctf.slug}`, ready: (page) => page.getByRole('heading', { name: 'Disk quota' }).waitFor() },
  { name: 'challenge board', path: ({ ctf }) => `/events/${ctf.slug}/challenges`, ready: (page) => page.getByRole('link', { name: 'Open rsa-baby' }).waitFor() },
  {
    name: 'challenge',
    path: ({ ctf, challengeId }) => `/events/${ctf.slug}/challenges/${challengeId}`,
    ready: (page) => page.getByRole('dialog', { name: 'rsa-baby' }).getByRole('heading', { name: 'Baby RSA' }).waitFor(),
  },
  {
    // The same view with what the player's actions bring up: a verdict and a hint's unlock confirmation.
    name: 'challenge with feedback',
    path: ({ ctf, challengeId }) => `/events/${ctf.slug}/challenges/${challengeId}`,
    ready: async (page) => {
      const dialog = page.getByRole('dialog', { name: 'rsa-baby' });
      await dialog.getByLabel('Flag').fill('ACS{not-it}');
      await dialog.getByRole('button', { name: 'Submit' }).click();
      await dialog.getByText('Incorrect flag.').waitFor();
      await dialog.getByRole('button', { name: 'Unlock hint 2' }).click();
      await dialog.getByRole('button', { name: 'Unlock for 50 points' }).waitFor();
    },
  },
  {
    name: 'leaderboard',
    path: ({ ctf }) => `/events/${ctf.slug}/board`,
    ready: async (page) => {
      await page.getByRole('row').filter({ hasText: 'Your team' }).waitFor();
      await page.getByRole('img', { name: /cumulative score/ }).waitFor();
    },
  },
  {
    name: 'projector',
    signedIn: false,
    path: ({ ctf }) => `/events/${ctf.slug}/board?projector`,
    ready: (page) => page.getByRole('region', { name: 'Recent solves' }).getByRole('listitem').first().waitFor(),
  },
  { name: 'sign-in', signedIn: false, path: () => '/sign-in', ready: (page) => page.getByRole('heading', { level: 1, name: 'Sign in to Arena' }).waitFor() },
  // The fixture's submission row in whatever state it has reached: the suites share one queue, so another suite's
  // worker may have picked it up already.
  { name: 'AI task', path: (fixture) => aiTaskPath(fixture), ready: (page) => page.getByRole('table', { name: "Your team's submissions" }).getByRole('row').nth(1).waitFor() },
  { name: 'hackathon project', path: (fixture) => projectPath(fixture), ready: (page) => page.getByRole('list', { name: 'Automated checks' }).waitFor() },
];

// The AI task page as a team sees it: a markdown description, the quota, the upload form and a queued submission
// (no worker runs here). Made once, on first use, with the fixture's player as captain.
let aiTask: Promise<string> | undefined;
function aiTaskPath({ web, player }: A11yFixture): Promise<string> {
  aiTask ??= (async () => {
    const event = await runningAiEvent(web.app, { title: `Accessible AI ${randomUUID().slice(0, 6)}` });
    const fields = {
      name: 'Review sentiment',
      description: '## Reviews\n\nPredict **pos** or **neg**.',
      metric: 'accuracy',
      idColumn: 'id',
      targetColumn: 'label',
      splitColumn: 'usage',
      maxDailySubmissions: '5',
    };
    const task = await createTask(web.app, event, fields, labelledTruth(['pos', 'neg'], ['public', 'private']));
    await web.app.http().post(`/api/v1/events/${event.slug}/registrations`).set('Authorization', player.auth).send({}).expect(201);
    await createTeam(web.app, event, player);
    await postSubmission(web.app, event, player, task.id, predictionsCsv(['pos', 'pos'])).expect(202);
    return `/events/${event.slug}/tasks/${task.id}`;
  })();
  return aiTask;
}

// The hackathon project page with a saved project and an uploaded archive (its checks: one passed, one failed).
let project: Promise<string> | undefined;
function projectPath({ web, player }: A11yFixture): Promise<string> {
  project ??= (async () => {
    const event = await runningHackathon(web.app, { title: `Accessible Hack ${randomUUID().slice(0, 6)}` });
    await configure(web.app, event, { tracks: ['health'], checks: { requiredFiles: ['README*', 'LICENSE'] } });
    await web.app.http().post(`/api/v1/events/${event.slug}/registrations`).set('Authorization', player.auth).send({}).expect(201);
    await createTeam(web.app, event, player);
    const created = await postProject(web.app, event, player, { track: 'health' }).expect(201);
    await web.app
      .http()
      .post(`/api/v1/events/${event.slug}/projects/${created.body.id}/archive`)
      .set('Authorization', player.auth)
      .attach('file', buildZip([{ name: 'README.md', data: '# Demo' }]), 'source.zip')
      .expect(200);
    return `/events/${event.slug}/project`;
  })();
  return project;
}

// The rules about names: every one of these counts, whatever its impact.
const NAMING_RULES = ['label', 'select-name', 'aria-input-field-name', 'button-name', 'link-name', 'input-button-name', 'aria-dialog-name'];

describe('web accessibility (Chromium, axe-core)', () => {
  let fixture: A11yFixture;
  const players: PlayerPage[] = [];

  async function openCase(entry: PageCase, options: PlayerPageOptions = {}): Promise<Page> {
    const player = await openPlayerPage(fixture.web, { ...options, session: entry.signedIn === false ? undefined : fixture.player });
    players.push(player);
    await player.page.goto(await entry.path(fixture));
    await entry.ready(player.page);
    await animationsSettled(player.page);
    return player.page;
  }

  // One page per kind of visit (signed in or not, scheme, width), taken from case to case by page.goto: each check
  // still sees a fresh document, without a new context's cold start (its own cache, the app's script compiled again),
  // which cost more than the checks themselves.
  type Look = Pick<PlayerPageOptions, 'colorScheme' | 'viewport'>;
  const views = new Map<string, PlayerPage>();

  /** Opens the case's page in the view for its kind of visit; `errors` are the page's uncaught errors since then. */
  async function visit(entry: PageCase, look: Look = {}): Promise<{ page: Page; errors: () => string[] }> {
    const signedIn = entry.signedIn !== false;
    const key = JSON.stringify([signedIn, look.colorScheme ?? 'light', look.viewport ?? null]);
    let view = views.get(key);
    if (!view) {
      view = await openPlayerPage(fixture.web, { ...look, session: signedIn ? fixture.player : undefined });
      views.set(key, view);
    }
    const { page, errors } = view;
    const since = errors.length;
    await page.goto(await entry.path(fixture));
    await entry.ready(page);
    await animationsSettled(page);
    return { page, errors: () => errors.slice(since) };
  }

  beforeAll(async () => {
    const web = await startWebHarness();
    const ctf = await runningCtf(web.app, { title: `Accessible CTF ${randomUUID().slice(0, 6)}`, description: 'Be kind.\nNo attacks on the platform.' });
    const { captain } = await ctfTeam(web.app, ctf);
    const warmup = await createChallenge(web.app, ctf, { name: 'warmup', category: 'misc' });
    await createChallenge(web.app, ctf, { name: 'heap-feng-shui', category: 'pwn', value: 500 });
    const rsa = await createChallenge(web.app, ctf, {
      name: 'rsa-baby',
      category: 'crypto',
      value: 200,
      description: '# Baby RSA\n\nFactor **n** and read [the paper](https://example.org/rsa).\n\n```\nn = 3233\n```',
      connectionInfo: 'nc rsa.acs.test 31337',
      hints: [
        { content: 'Small primes.', cost: 0 },
        { content: 'Try 61.', cost: 50 },
      ],
      maxAttempts: 50,
    });
    await web.app
      .http()
      .post(challengesPath(ctf, `/${rsa.id}/files`))
      .set('Authorization', ctf.organiser.auth)
      .attach('file', Buffer.from('n = 3233'), 'rsa.txt')
      .expect(201);
    await attempt(web.app, ctf, captain, warmup.id, warmup.flag).expect(200);
    await web.app
      .http()
      .post(`/api/v1/events/${ctf.slug}/announcements`)
      .set('Authorization', ctf.organiser.auth)
      .send({ title: 'Disk quota', body: 'Files over **10 MB** are refused.' })
      .expect(201);
    fixture = { web, ctf, player: captain, challengeId: rsa.id };
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...views.values()].map((view) => view.close()));
    await fixture?.web.close();
  });

  afterEach(async () => {
    const closing = players.splice(0);
    await Promise.all(closing.map((player) => player.close()));
    expect(closing.flatMap((player) => player.errors)).toEqual([]);
  });

  /** What one page shows in one scheme: axe's violations (every rule, every impact) and the page's uncaught errors. */
  interface SchemeCheck {
    violations: Result[];
    errors: string[];
  }

  // Each page in each scheme is visited and checked by axe once, and its screenshot taken then: the naming test reads
  // the light run's results (it runs every rule, the naming rules among them) instead of visiting the page again.
  const schemeChecks = new Map<string, Promise<SchemeCheck>>();
  function checkScheme(entry: PageCase, scheme: 'light' | 'dark'): Promise<SchemeCheck> {
    const key = `${entry.name}:${scheme}`;
    let check = schemeChecks.get(key);
    if (!check) {
      check = (async () => {
        const { page, errors } = await visit(entry, { colorScheme: scheme });
        const violations = await axeViolations(page);
        await screenshot(page, `a11y-${entry.name.replace(/\s+/g, '-')}-${scheme}`);
        return { violations, errors: errors() };
      })();
      schemeChecks.set(key, check);
    }
    return check;
  }

  const cases = PAGES.flatMap((entry) => (['light', 'dark'] as const).map((scheme) => [entry.name, scheme, entry] as const));

  it.each(cases)('should have no serious or critical axe violation on the %s page in the %s scheme', async (_name, scheme, entry) => {
    const { violations, errors } = await checkScheme(entry, scheme);
    expect(errors).toEqual([]);
    expect(describeViolations(violations.filter((violation) => BLOCKING_IMPACTS.includes(violation.impact ?? '')))).toEqual([]);
  });

  it.each(PAGES.map((entry) => [entry.name, entry] as const))('should name every field and control on the %s page', async (_name, entry) => {
    const { violations, errors } = await checkScheme(entry, 'light');
    expect(errors).toEqual([]);
    expect(describeViolations(violations.filter((violation) => NAMING_RULES.includes(violation.id)))).toEqual([]);
  });

  it.each(PAGES.map((entry) => [entry.name, entry] as const))('should fit a 360 px wide screen without sideways scrolling on the %s page', async (name, entry) => {
    const { page, errors } = await visit(entry, { viewport: { width: 360, height: 740 } });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(page, `narrow-${name.replace(/\s+/g, '-')}`);
    expect(errors()).toEqual([]);
  });

  // The focused element's name as a user hears it, near enough: its aria-label, its label's text, or its own text.
  const FOCUSED_NAME = '(() => { const el = document.activeElement; return (el?.getAttribute("aria-label") || el?.labels?.[0]?.textContent || el?.textContent || "").trim(); })()';

  // Tab moves the focus forward until `name` has it; fails past `limit` presses.
  async function tabTo(page: Page, name: RegExp, limit = 60): Promise<void> {
    for (let presses = 0; presses < limit; presses += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<string>(FOCUSED_NAME);
      if (name.test(focused)) return;
    }
    throw new Error(`focus never reached ${name} in ${limit} presses`);
  }

  it('should let a player open a challenge, submit a flag and close it again by keyboard alone', async () => {
    const page = await openCase(PAGES.find((entry) => entry.name === 'challenge board')!);
    await tabTo(page, /^Open rsa-baby$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'rsa-baby' });
    await dialog.waitFor();
    // The dialog holds the focus: tabbing reaches its flag field without leaving it.
    await tabTo(page, /^Flag/, 30);
    expect(await dialog.getByLabel('Flag').evaluate((input: unknown) => input === (input as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('ACS{keyboard}');
    await page.keyboard.press('Enter');
    await dialog.getByText('Incorrect flag.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/events/${fixture.ctf.slug}/challenges`);

    // The hint's unlock and its confirmation are buttons in the tab order too.
    await page.goto(`/events/${fixture.ctf.slug}/challenges/${fixture.challengeId}`);
    await page.getByRole('dialog', { name: 'rsa-baby' }).waitFor();
    await tabTo(page, /^Unlock hint 2$/, 30);
    await page.keyboard.press('Enter');
    // The confirmation takes the focus, so Enter there is a deliberate second step.
    await page.getByRole('button', { name: 'Unlock for 50 points' }).waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Unlock for 50 points');
  });
});
