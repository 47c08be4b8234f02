import { AdFlagsService } from '@arena/ad';
import { ChildProcess } from 'child_process';
import { Page } from 'playwright-core';
import { addService, adPath, AdPlayer, checkerZip, createAdGame, plantFlag } from './factories/ad.factory';
import { notesCheckerZip, startNotes, stopNotes } from './factories/ad-game';
import { TestEvent } from './factories/event.factory';
import { createTeam, registeredUser } from './factories/team.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { AD_TICKS_ENV, eventually } from './utils/test-worker';
import { openPlayerPage, PlayerPage, screenshot, startWebHarnessWithWorker, WebHarness } from './utils/web-session';

// The attack-defence pages in Debian's Chromium against the real api and worker: a game of 3 s ticks with the notes
// service (test/fixtures/ad) on two teams' loopback hosts and none on the third's, so its service is DOWN.
jest.setTimeout(180_000);

const TICK_SECONDS = 3;
// How long a test waits for the next tick to show: the worker's ticks run late on a loaded machine (the full run
// missed one within 4 ticks once), and the wait is for the page to follow, not for the game's pace.
const TICK_WAIT_MS = 10 * TICK_SECONDS * 1000;
const XSS_NAME = '<img src=x onerror="window.__xss=1">';
// Loopback hosts no other suite uses.
const HOSTS = ['127.0.4.2', '127.0.4.3', '127.0.4.4'];

describe('web attack-defence pages (Chromium)', () => {
  let web: WebHarness;
  const players: PlayerPage[] = [];
  const services: ChildProcess[] = [];
  let game: { event: TestEvent; teams: AdPlayer[]; serviceId: string };

  const open = async (options: Parameters<typeof openPlayerPage>[1] = {}) => {
    const player = await openPlayerPage(web, options);
    players.push(player);
    return player;
  };

  /** Three teams (the first named like markup), the notes service on the first two, a game starting now. */
  async function startGame(): Promise<typeof game> {
    for (const host of HOSTS.slice(0, 2)) services.push(await startNotes(host));
    const {
      event,
      players: [other, silent],
    } = await createAdGame(web.app, {
      teams: 2,
      ad: { tickSeconds: TICK_SECONDS, flagLifetimeTicks: 5 },
      event: { startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 7200_000).toISOString() },
    });
    const captain = await registeredUser(web.app, event);
    const hostile: AdPlayer = { team: await createTeam(web.app, event, captain, { name: XSS_NAME }), captain, members: [] };
    const teams = [hostile, other, silent];
    const created = await addService(web.app, event, { checkerTimeoutSeconds: 1, port: 8080 }, notesCheckerZip()).expect(201);
    const vulnboxes = teams.map((player, index) => ({ teamId: player.team.id, host: HOSTS[index] }));
    await web.app.http().put(adPath(event, '/vulnboxes')).set('Authorization', event.organiser.auth).send({ vulnboxes }).expect(200);
    const start = Date.now() + 300;
    await web.app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 150_000).toISOString() })
      .expect(200);
    return { event, teams, serviceId: created.body.id };
  }

  beforeAll(async () => {
    web = await startWebHarnessWithWorker(AD_TICKS_ENV);
    game = await startGame();
  }, 300_000);

  afterAll(async () => {
    for (const service of services) await stopNotes(service);
    await web?.close();
  });

  afterEach(async () => {
    const closing = players.splice(0);
    await Promise.all(closing.map((player) => player.close()));
    // An uncaught error in the app fails the test even when the page looked right.
    expect(closing.flatMap((player) => player.errors)).toEqual([]);
  });

  const cell = (page: Page, team: string) => page.getByRole('button', { name: `${team}, notes:` });
  const shownTick = async (page: Page) => Number(/Tick (\d+)/.exec((await page.getByTestId('ad-tick').textContent()) ?? '')?.[1] ?? 0);
  /**
   * Waits until the page shows a tick after `before`, by itself. Not `before + 1` exactly: a worker running late on a
   * loaded machine starts the ticks it missed at once, and the page may read the status only after the later one.
   */
  const tickMovesOn = (page: Page, before: number) => eventually(async () => ((await shownTick(page)) > before ? true : undefined), TICK_WAIT_MS, 200);
  const currentTick = async () => (await web.app.http().get(adPath(game.event, '/status')).expect(200)).body.tick as number;

  /** Waits until the one tooltip shown is the cell's message ("Tick n: …", also its description for screen readers). */
  const tooltipShowsMessage = (page: Page, team: string) =>
    eventually(async () => {
      const describedBy = await cell(page, team).getAttribute('aria-describedby');
      const description = (await page.locator(`[id="${describedBy}"]`).textContent()) ?? '';
      // The previous tooltip fades out; then the cell's is the only one.
      const tooltips = await page.getByRole('tooltip').allTextContents();
      return /^Tick \d+: /.test(description) && tooltips.length === 1 && tooltips[0] === description ? true : undefined;
    }, 10_000);

  it('should show every team × service status with its message, and follow the ticks live without a reload', async () => {
    const [hostile, other, silent] = game.teams;
    const { page } = await open();
    // A visitor finds the grid from the event page.
    await page.goto(`/events/${game.event.slug}`);
    await page.getByRole('link', { name: 'Service grid' }).click();
    const grid = page.getByRole('table', { name: 'Service status per team' });
    await grid.waitFor();
    // Nothing listens on the third team's host: DOWN, in colour and in words.
    await cell(page, silent.team.name).filter({ hasText: 'DOWN' }).waitFor({ timeout: TICK_WAIT_MS });
    // The others get a checked status (OK unless the loaded machine made the 1 s checker overrun).
    for (const team of [hostile, other])
      await cell(page, team.team.name)
        .filter({ hasText: /^.?(OK|RECOVERING|MUMBLE|CORRUPT|DOWN|CHECK FAILED)$/ })
        .waitFor({ timeout: TICK_WAIT_MS });
    for (const header of ['Attack', 'Defence', 'SLA', 'Total']) expect(await grid.getByRole('columnheader', { name: header }).isVisible()).toBe(true);

    // The checker's message on keyboard focus (a tooltip), and in the cell's description for screen readers.
    // Reached from the keyboard (the tooltip opens on keyboard focus, as :focus-visible says).
    await cell(page, silent.team.name).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await tooltipShowsMessage(page, silent.team.name);
    await page.evaluate('document.activeElement.blur()');
    // And on hover.
    await cell(page, other.team.name).hover();
    await tooltipShowsMessage(page, other.team.name);
    await page.mouse.move(0, 0);

    // The tick counter moves on by itself: the page follows the stream, it is never reloaded.
    await page.evaluate('window.__sameDocument = true');
    const before = await shownTick(page);
    expect(before).toBeGreaterThan(0);
    await tickMovesOn(page, before);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);

    // The hostile team name is text, never markup.
    expect(await grid.getByRole('rowheader', { name: XSS_NAME }).isVisible()).toBe(true);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.evaluate('document.querySelectorAll("main img").length')).toBe(0);

    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    // At 360 px the grid scrolls inside its own box; the page does not.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await page.getByRole('region', { name: 'Service status per team' }).evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    await screenshot(page, 'ad-grid-360');
    // The statuses keep their contrast in the dark scheme too (the app follows the system's).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('html[data-mantine-color-scheme="dark"]').waitFor({ state: 'attached' });
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
  });

  it('should let a player see attack info and submit a stolen flag and an own flag, answered OK and OWN', async () => {
    const [hostile, other] = game.teams;
    // Flag stores 2 and 3 of a one-store service: the worker never plants them, so these cannot collide with a tick's.
    // This one is of a tick soon to come, so it stays listed however slowly the loaded machine opens the page.
    const tick = (await currentTick()) + 2;
    await plantFlag(web.app, game.event, other.team.id, game.serviceId, tick, 2);
    const { page } = await open({ session: hostile.captain });
    await page.goto(`/events/${game.event.slug}`);
    await page.getByRole('link', { name: 'Attack & flags' }).click();
    await page.getByRole('heading', { level: 1, name: /Attack & flags/ }).waitFor();
    // Attack info lists the other teams' live flag ids (the planted one among them), not the player's own team.
    const info = page.getByRole('table', { name: 'Flag ids per team and service' });
    await info.getByText(`id-${tick}-2`).waitFor({ timeout: TICK_WAIT_MS });
    expect(await info.getByRole('rowheader', { name: XSS_NAME }).count()).toBe(0);

    // Stolen and own flags of the tick now (flags live 5 ticks of 3 s: a loaded machine may take longer than that to get here).
    const now = await currentTick();
    const stolen = await plantFlag(web.app, game.event, other.team.id, game.serviceId, now, 3);
    const prefix = String((game.event.body.ad as { flagPrefix: string }).flagPrefix);
    const own = web.app.app.get(AdFlagsService).signer.sign(game.event.id, prefix, { teamId: hostile.team.id, serviceId: game.serviceId, tick: now });
    await page.getByLabel('Flags, one per line').fill(`${stolen}\n\n${own}\n`);
    await page.getByRole('button', { name: 'Submit flags' }).click();
    const verdicts = page.getByRole('table', { name: 'Flag verdicts' });
    await verdicts.waitFor();
    const verdictOf = (flag: string) => verdicts.getByRole('row').filter({ hasText: flag });
    expect(await verdictOf(stolen).textContent()).toContain('OK');
    expect(await verdictOf(stolen).textContent()).toContain('Accepted: points for your team');
    expect(await verdictOf(own).textContent()).toContain('OWN');
    expect(await verdictOf(own).textContent()).toContain("This is your own team's flag");
    expect(await verdicts.getByRole('row').count()).toBe(3);

    // The team's token for the TCP submission, as the API gives it, with a copy button.
    const tokens = (await web.app.http().get(adPath(game.event, '/tokens')).set('Authorization', hostile.captain.auth).expect(200)).body;
    expect(await page.getByLabel("Your team's token").inputValue()).toBe(tokens[0].token);
    // This api has no TCP submission: the panel says so instead of a port.
    expect(await page.getByText('This platform has the TCP submission turned off').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Copy token' }).isVisible()).toBe(true);

    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    await screenshot(page, 'ad-team-360');
  });

  it('should show a countdown when the flag rate limit answers 429', async () => {
    const [, other] = game.teams;
    const { page } = await open({ session: other.captain });
    await page.route('**/ad/flags', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '3', 'content-type': 'application/json' },
        body: JSON.stringify({ statusCode: 429, message: 'too many flags: slow down' }),
      }),
    );
    await page.goto(`/events/${game.event.slug}/attack`);
    await page.getByLabel('Flags, one per line').fill('ACS_whatever');
    await page.getByRole('button', { name: 'Submit flags' }).click();
    await page.getByText(/you can send again in [1-3] s/).waitFor();
    expect(await page.getByRole('button', { name: 'Submit flags' }).isDisabled()).toBe(true);
    // The 3 s countdown ends by itself (Playwright's default 30 s: the browser's timers run late on a loaded machine).
    await page.getByText('You can send flags again.').waitFor();
  });

  it('should show the service grid in projector mode and follow the ticks there', async () => {
    const { page } = await open();
    await page.goto(`/events/${game.event.slug}/board?projector`);
    const projector = page.getByRole('region', { name: 'Projector' });
    const grid = projector.getByRole('table', { name: 'Service status per team' });
    await grid.waitFor();
    for (const { team } of game.teams) expect(await grid.getByRole('rowheader', { name: team.name }).isVisible()).toBe(true);
    const before = await shownTick(page);
    expect(before).toBeGreaterThan(0);
    await tickMovesOn(page, before);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    await screenshot(page, 'ad-projector');
  });

  it('should show the freeze banner over the grid of a frozen game', async () => {
    const { event } = await createAdGame(web.app, {
      teams: 1,
      event: { startsAt: new Date(Date.now() - 600_000).toISOString(), freezeAt: new Date(Date.now() - 60_000).toISOString() },
    });
    const { page } = await open();
    await page.goto(`/events/${event.slug}/board`);
    await page.getByRole('status').filter({ hasText: 'The scoreboard is frozen' }).waitFor();
    await page.getByText('No team has a vulnbox yet.').waitFor();
  });

  it("should let the organiser add a service with the API's field error for a bad timeout, and set vulnboxes from a CSV", async () => {
    const {
      event,
      players: [team],
    } = await createAdGame(web.app, { teams: 1, ad: { tickSeconds: 30 } });
    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('link', { name: 'Game setup' }).click();
    await page.getByRole('heading', { level: 1, name: /Game setup/ }).waitFor();
    await page.getByText('No service yet.').waitFor();

    await page.getByLabel('Name').fill('notes');
    await page.getByLabel('Port').fill('8080');
    await page.getByLabel('Checker timeout (s)').fill('11');
    await page.locator('input[type=file]').first().setInputFiles({ name: 'checker.zip', mimeType: 'application/zip', buffer: checkerZip() });
    await page.getByRole('button', { name: 'Add service' }).click();
    // A third of a 30 s tick is 10 s: the API's 400 sits under the timeout field.
    const timeout = page.getByLabel('Checker timeout (s)');
    await page.getByText(/^checkerTimeoutSeconds must be at most a third of the tick/).waitFor();
    expect(await timeout.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).not.toBe('true');

    await timeout.fill('10');
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByText('Service notes added.').waitFor();
    const list = page.getByRole('table', { name: 'Services of the game' });
    await list.getByRole('rowheader', { name: 'notes' }).waitFor();
    expect(await list.getByRole('row').filter({ hasText: 'python3 checker.py' }).count()).toBe(1);

    await page
      .locator('input[type=file]')
      .last()
      .setInputFiles({ name: 'boxes.csv', mimeType: 'text/csv', buffer: Buffer.from(`team,host\n${team.team.name},10.60.1.2\n`) });
    await page.getByRole('button', { name: 'Upload CSV' }).click();
    await page.getByRole('table', { name: 'Vulnbox of each team' }).getByRole('row').filter({ hasText: '10.60.1.2' }).waitFor();
    await page.getByText('No checker run yet.').waitFor();
    expect(describeViolations(await blockingViolations(page))).toEqual([]);

    // A player of the event sees neither the link nor the page's contents.
    const player = await open({ session: team.captain });
    await player.page.goto(`/events/${event.slug}`);
    await player.page.getByRole('link', { name: 'Attack & flags' }).waitFor();
    expect(await player.page.getByRole('link', { name: 'Game setup' }).count()).toBe(0);
    await player.page.goto(`/events/${event.slug}/ad-setup`);
    await player.page.getByText("Only the event's organisers see this page.").waitFor();
    expect(await player.page.getByRole('button', { name: 'Add service' }).count()).toBe(0);
  });
});
