import { INestApplicationContext } from '@nestjs/common';
import { IncomingMessage } from 'http';
import { Socket } from 'net';
import { Page } from 'playwright-core';
import { attempt, createChallenge, CtfTeam, ctfTeam, runningCtf } from './factories/ctf.factory';
import { hoursFromNow, TestEvent } from './factories/event.factory';
import { createTeam, registeredUser } from './factories/team.factory';
import { startTestWorker } from './utils/test-worker';
import { openPlayerPage, PlayerPage, screenshot, startWebHarness, WebHarness } from './utils/web-session';

// The live leaderboard and projector mode in Debian's Chromium against the real api serving the built app, with a
// real worker recomputing the boards (a solve reaches the page over SSE, never by a reload).
jest.setTimeout(120_000);

const XSS_NAME = '<img src=x onerror="window.__xss=1">';

interface StreamRequest {
  url: string;
  lastEventId: string | undefined;
  socket: Socket;
}

describe('web leaderboard (Chromium)', () => {
  let web: WebHarness;
  let worker: INestApplicationContext;
  const players: PlayerPage[] = [];
  // Every SSE request the api received, to check what a reconnecting page sends and to cut its connection.
  const streams: StreamRequest[] = [];

  const open = async (options: Parameters<typeof openPlayerPage>[1] = {}) => {
    const player = await openPlayerPage(web, options);
    players.push(player);
    return player;
  };

  beforeAll(async () => {
    web = await startWebHarness();
    worker = await startTestWorker();
    web.app.app.getHttpServer().on('request', (request: IncomingMessage) => {
      if (request.url?.includes('/leaderboard/stream')) {
        streams.push({ url: request.url, lastEventId: request.headers['last-event-id'] as string | undefined, socket: request.socket });
      }
    });
  }, 300_000);

  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  afterEach(async () => {
    const closing = players.splice(0);
    await Promise.all(closing.map((player) => player.close()));
    // An uncaught error in the app fails the test even when the page looked right.
    expect(closing.flatMap((player) => player.errors)).toEqual([]);
  });

  // A row of the board itself: the score graph's legend (uPlot draws it as a table) names the same teams once it loads.
  const row = (page: Page, teamName: string) => page.getByRole('table', { name: 'Leaderboard' }).getByRole('row').filter({ hasText: teamName });
  const solve = async (event: TestEvent, team: CtfTeam, challenge: { id: string; flag: string }) =>
    expect((await attempt(web.app, event, team.captain, challenge.id, challenge.flag).expect(200)).body).toMatchObject({ status: 'correct' });

  it("should update the board without a reload when a team solves, and highlight the caller's team", async () => {
    const event = await runningCtf(web.app);
    const challenge = await createChallenge(web.app, event, { value: 300 });
    const [mine, other] = [await ctfTeam(web.app, event), await ctfTeam(web.app, event)];
    const { page } = await open({ session: mine.captain });
    await page.goto(`/events/${event.slug}/board`);
    await page.getByRole('table', { name: 'Leaderboard' }).waitFor();
    await row(page, mine.team.name).waitFor();
    // The caller's team is marked, for the eyes (a badge) and for assistive technology (aria-current), once the team's
    // read answers (it may come after the first rows).
    await page.locator('[role="row"][aria-current="true"]').filter({ hasText: mine.team.name }).waitFor();
    expect(await row(page, mine.team.name).getByText('Your team').isVisible()).toBe(true);
    expect(await row(page, other.team.name).getAttribute('aria-current')).toBeNull();
    expect(await page.getByRole('status').filter({ hasText: 'Live' }).isVisible()).toBe(true);
    // One stream: the one the route sent while the board's code was loading, taken over by the page (a second
    // would mean the page opened its own beside an orphan).
    expect(streams.filter((stream) => stream.url.includes(`/events/${event.slug}/`))).toHaveLength(1);

    // A marker that a reload would lose: the page must change in place.
    await page.evaluate('window.__sameDocument = true');
    await solve(event, other, challenge);
    await row(page, other.team.name).filter({ hasText: '300' }).waitFor();
    expect(await row(page, other.team.name).getByRole('cell').first().textContent()).toBe('1');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    // The score graph of the top teams follows (a lazily loaded chart).
    await page.getByRole('img', { name: /cumulative score of the top 10/ }).waitFor();
    await screenshot(page, 'leaderboard');
  });

  it('should reconnect with Last-Event-ID after the connection drops, and catch up on a solve made meanwhile', async () => {
    const event = await runningCtf(web.app);
    const challenge = await createChallenge(web.app, event, { value: 200 });
    const team = await ctfTeam(web.app, event);
    const { page } = await open();
    const before = streams.length;
    await page.goto(`/events/${event.slug}/board`);
    await row(page, team.team.name).waitFor();
    const first = streams.slice(before).find((stream) => stream.url.includes(event.slug));
    expect(first).toBeDefined();
    expect(first!.lastEventId).toBeUndefined();

    // The network drops: the server side of the stream is cut.
    first!.socket.destroy();
    await solve(event, team, challenge);
    await row(page, team.team.name).filter({ hasText: '200' }).waitFor();
    const resumed = streams.slice(before).filter((stream) => stream.url.includes(event.slug));
    expect(resumed.length).toBeGreaterThanOrEqual(2);
    // The reconnect names the board version the page had (the SSE id), so the server can skip what it has.
    expect(resumed[1].lastEventId).toMatch(/^\d+$/);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  });

  it('should show the freeze banner when the scoreboard is frozen', async () => {
    const event = await runningCtf(web.app, { freezeAt: hoursFromNow(-0.5) });
    await ctfTeam(web.app, event);
    const { page } = await open();
    await page.goto(`/events/${event.slug}/board`);
    await page.getByText('The scoreboard is frozen').waitFor();
    expect(await page.getByText('Scores made since then are revealed after the contest.').isVisible()).toBe(true);

    const live = await runningCtf(web.app);
    await ctfTeam(web.app, live);
    await page.goto(`/events/${live.slug}/board`);
    await page.getByRole('table', { name: 'Leaderboard' }).waitFor();
    expect(await page.getByText('The scoreboard is frozen').count()).toBe(0);
  });

  it('should render the board in projector mode and follow a new solve in the board and the ticker (journey 5)', async () => {
    const event = await runningCtf(web.app);
    const challenge = await createChallenge(web.app, event, { name: 'ticker-web', value: 500 });
    const quiet = await ctfTeam(web.app, event);
    // A team name written as markup: the board and the ticker show it as text, and nothing runs.
    const captain = await registeredUser(web.app, event);
    const hostile = { captain, team: await createTeam(web.app, event, captain, { name: XSS_NAME }), members: [] };
    const { page } = await open({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`/events/${event.slug}/board?projector`);
    const projector = page.getByRole('region', { name: 'Projector' });
    await projector.getByRole('table', { name: 'Leaderboard' }).waitFor();
    await row(page, quiet.team.name).waitFor();
    await projector.getByText('No solves yet.').waitFor();
    // Large type for the hall.
    const fontSize = await projector
      .getByRole('table')
      .evaluate((element) => parseFloat((globalThis as unknown as { getComputedStyle: (node: unknown) => { fontSize: string } }).getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(24);
    await page.evaluate('window.__sameDocument = true');

    await solve(event, hostile, challenge);
    await row(page, XSS_NAME).filter({ hasText: '500' }).waitFor();
    expect(await row(page, XSS_NAME).getByRole('cell').first().textContent()).toBe('1');
    const ticker = projector.getByRole('region', { name: 'Recent solves' });
    const item = ticker.getByRole('listitem').filter({ hasText: `${XSS_NAME} solved ticker-web` });
    await item.waitFor();
    expect(await item.getByText('First blood').isVisible()).toBe(true);
    await solve(event, quiet, challenge);
    await ticker
      .getByRole('listitem')
      .filter({ hasText: `${quiet.team.name} solved ticker-web` })
      .waitFor();
    expect(await ticker.getByRole('listitem').first().textContent()).toContain(quiet.team.name);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await screenshot(page, 'projector');
  });
});
