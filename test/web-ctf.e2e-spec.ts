import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import {
  openPlayerPage,
  PlayerPage,
  PlayerPageOptions,
  screenshot,
  signInInBrowser,
  signInWithTokens,
  signUpInBrowser,
  startWebHarnessWithWorker,
  WebHarness,
} from './utils/web-session';

// The jeopardy CTF pages in Debian's Chromium against the real api serving the built app, with the real worker
// computing the boards that the pages follow live. Queries go by role and label, as a user's eyes would.
jest.setTimeout(120_000);

describe('web CTF pages (Chromium)', () => {
  let web: WebHarness;
  const players: PlayerPage[] = [];

  const open = async (options: PlayerPageOptions = {}) => {
    const player = await openPlayerPage(web, options);
    players.push(player);
    return player;
  };
  // The app's EventSource answered: an open stream sends its headers at once.
  const streamOpened = (player: PlayerPage) => player.page.waitForResponse((response) => response.url().includes('/leaderboard/stream') && response.status() === 200);
  const ctfWithName = () => runningCtf(web.app, { title: `Web CTF ${randomUUID().slice(0, 6)}` });

  beforeAll(async () => {
    web = await startWebHarnessWithWorker();
  }, 300_000);

  afterAll(async () => {
    await web?.close();
  });

  afterEach(async () => {
    const closing = players.splice(0);
    await Promise.all(closing.map((player) => player.close()));
    // An uncaught error in the app fails the test even when the page looked right.
    expect(closing.flatMap((player) => player.errors)).toEqual([]);
  });

  it('should sign a browser-made account in again, and start an API-made player signed in, when the session helpers are used', async () => {
    const ctf = await ctfWithName();
    const first = await open();
    const account = await signUpInBrowser(first.page, 'Helper Player');
    await first.page.getByRole('button', { name: 'Account' }).click();
    await first.page.getByRole('menuitem', { name: 'Sign out' }).click();
    await first.page.getByRole('heading', { level: 1, name: 'Sign in to Arena' }).waitFor();
    await signInInBrowser(first.page, account);
    expect(await first.page.getByRole('button', { name: 'Account' }).textContent()).toBe('Helper Player');

    const { captain, members } = await ctfTeam(web.app, ctf, 2);
    const second = await open({ session: captain });
    await second.page.goto(`/events/${ctf.slug}/challenges`);
    await second.page.getByRole('heading', { level: 1, name: 'Challenges' }).waitFor();
    expect(new URL(second.page.url()).pathname).toBe(`/events/${ctf.slug}/challenges`);

    const third = await open();
    await signInWithTokens(third.page, members[0], `/events/${ctf.slug}/challenges`);
    await third.page.getByText('No challenges are open yet.').waitFor();
  });

  // Journey 2.
  it("should answer a wrong flag incorrect and a right one correct, and update a third player's board without a reload", async () => {
    const ctf = await ctfWithName();
    const [a, b] = [await ctfTeam(web.app, ctf), await ctfTeam(web.app, ctf)];
    const warmup = await createChallenge(web.app, ctf, { name: 'warmup', category: 'web', value: 100 });
    await createChallenge(web.app, ctf, { name: 'heap-feng-shui', category: 'pwn', value: 300 });

    const player = await open({ session: a.captain });
    const watcher = await open({ session: b.captain });
    await watcher.page.goto(`/events/${ctf.slug}/challenges`);
    const watchedWeb = watcher.page.getByRole('region', { name: 'web' });
    await watchedWeb.getByText('Solves: 0').waitFor();

    await player.page.goto(`/events/${ctf.slug}/challenges`);
    await player.page.getByRole('link', { name: 'Open warmup' }).click();
    const dialog = player.page.getByRole('dialog', { name: 'warmup' });
    expect(new URL(player.page.url()).pathname).toBe(`/events/${ctf.slug}/challenges/${warmup.id}`);
    await dialog.getByLabel('Flag').fill('ACS{nope}');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.getByText('Incorrect flag.').waitFor();
    await dialog.getByLabel('Flag').fill(warmup.flag);
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.getByText('Correct! The challenge is now worth 100 points.').waitFor();
    await screenshot(player.page, 'ctf-correct');

    // The watcher's board follows the event's stream: the solve and the first blood appear without a reload.
    await watchedWeb.getByText('Solves: 1').waitFor();
    await watchedWeb.getByText(`First blood: ${a.team.name}`).waitFor();
    expect(await watchedWeb.getByText('Solved', { exact: true }).count()).toBe(0);
    await screenshot(watcher.page, 'ctf-board-live');

    await player.page.keyboard.press('Escape');
    await player.page.getByRole('region', { name: 'web' }).getByText('Solved', { exact: true }).waitFor();
    expect(new URL(player.page.url()).pathname).toBe(`/events/${ctf.slug}/challenges`);
    expect(await player.page.getByText('Your team solved 1 of 2 challenges.').isVisible()).toBe(true);
  });

  // Journey 4.
  it("should show an organiser's announcement live on a player's event page and as a notice on the board", async () => {
    const ctf = await ctfWithName();
    const { captain } = await ctfTeam(web.app, ctf);
    const eventPage = await open({ session: captain });
    const streams = [streamOpened(eventPage)];
    await eventPage.page.goto(`/events/${ctf.slug}`);
    await eventPage.page.getByText('No announcements yet.').waitFor();
    const board = await open({ session: captain });
    streams.push(streamOpened(board));
    await board.page.goto(`/events/${ctf.slug}/challenges`);
    await board.page.getByText('No challenges are open yet.').waitFor();
    // Both pages have their streams open before the announcement is posted.
    await Promise.all(streams);

    await web.app
      .http()
      .post(`/api/v1/events/${ctf.slug}/announcements`)
      .set('Authorization', ctf.organiser.auth)
      .send({ title: 'Server web-1 restarted', body: 'Use **port 8081** from now on.' })
      .expect(201);
    const announcements = eventPage.page.getByRole('region', { name: 'Announcements' });
    await announcements.getByRole('heading', { name: 'Server web-1 restarted' }).waitFor();
    expect(await announcements.locator('strong').textContent()).toBe('port 8081');
    await board.page.getByText('Server web-1 restarted').waitFor();
    await screenshot(eventPage.page, 'event-announcement-live');
  });

  it('should show markdown, connection info, files, hints with their cost, and unlock a hint after a confirmation', async () => {
    const ctf = await ctfWithName();
    const { captain } = await ctfTeam(web.app, ctf);
    const warmup = await createChallenge(web.app, ctf, { name: 'warmup', category: 'misc', value: 100 });
    const rsa = await createChallenge(web.app, ctf, {
      name: 'rsa-baby',
      category: 'crypto',
      value: 200,
      description: '# Baby RSA\n\nFactor **n** and read [the paper](https://example.org/rsa).\n\n```\nn = 3233\n```',
      connectionInfo: 'nc rsa.acs.test 31337',
      hints: [
        { content: 'Small primes.', cost: 0 },
        { content: 'Try **61**.', cost: 50 },
      ],
    });
    const bytes = Buffer.from('n = 3233\ne = 17\n');
    await web.app
      .http()
      .post(challengesPath(ctf, `/${rsa.id}/files`))
      .set('Authorization', ctf.organiser.auth)
      .attach('file', bytes, 'rsa.txt')
      .expect(201);
    await attempt(web.app, ctf, captain, warmup.id, warmup.flag).expect(200);

    const player = await open({ session: captain });
    // Deep link: the challenge opens straight from its address.
    await player.page.goto(`/events/${ctf.slug}/challenges/${rsa.id}`);
    const dialog = player.page.getByRole('dialog', { name: 'rsa-baby' });
    await dialog.getByRole('heading', { name: 'Baby RSA' }).waitFor();
    expect(await dialog.locator('strong').first().textContent()).toBe('n');
    const paper = dialog.getByRole('link', { name: 'the paper' });
    expect(await paper.getAttribute('href')).toBe('https://example.org/rsa');
    expect(await paper.getAttribute('rel')).toContain('noopener');
    expect(await dialog.getByRole('region', { name: 'Connection' }).textContent()).toContain('nc rsa.acs.test 31337');
    expect(await dialog.getByText('Small primes.').isVisible()).toBe(true);
    expect(await dialog.getByText('Try').count()).toBe(0);

    // The file downloads with the session's token and keeps its name and bytes.
    const [download] = await Promise.all([player.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download rsa.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('rsa.txt');
    expect(readFileSync(await download.path()).equals(bytes)).toBe(true);

    // Unlocking names the cost first; cancelling costs nothing.
    await dialog.getByText('Hint 2: costs 50 points').waitFor();
    await dialog.getByRole('button', { name: 'Unlock hint 2' }).click();
    await dialog.getByText("Unlocking this hint deducts 50 points from your team's score, once for the whole team.").waitFor();
    await screenshot(player.page, 'ctf-hint-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const unlocked = await web.app.http().get(challengesPath(ctf)).set('Authorization', captain.auth).expect(200);
    expect(unlocked.body.find((item: { id: string }) => item.id === rsa.id).hints[1].unlocked).toBe(false);

    await dialog.getByRole('button', { name: 'Unlock hint 2' }).click();
    await dialog.getByRole('button', { name: 'Unlock for 50 points' }).click();
    await dialog.getByText('Hint 2 (unlocked for 50 points)').waitFor();
    expect(await dialog.locator('strong', { hasText: '61' }).isVisible()).toBe(true);
    await screenshot(player.page, 'ctf-challenge');
  });

  it('should say why a hint was refused when the team cannot pay for it', async () => {
    const ctf = await ctfWithName();
    const { captain } = await ctfTeam(web.app, ctf);
    const challenge = await createChallenge(web.app, ctf, { name: 'costly', hints: [{ content: 'secret', cost: 500 }] });
    const player = await open({ session: captain });
    await player.page.goto(`/events/${ctf.slug}/challenges/${challenge.id}`);
    const dialog = player.page.getByRole('dialog', { name: 'costly' });
    await dialog.getByRole('button', { name: 'Unlock hint 1' }).click();
    await dialog.getByRole('button', { name: 'Unlock for 500 points' }).click();
    // The API's reason, next to the button that was refused.
    await dialog.getByRole('status').getByText('this hint costs 500 points; the team has 0').waitFor();
    expect(await dialog.getByText('secret').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // The locked hint comes back once the page has rendered the cancel (waitFor: isVisible would read at once).
    await dialog.getByText('Hint 1: costs 500 points').waitFor();
  });

  it('should count attempts left and count down from Retry-After when the team is rate limited', async () => {
    const ctf = await ctfWithName();
    const { captain } = await ctfTeam(web.app, ctf);
    const limited = await createChallenge(web.app, ctf, { name: 'limited', maxAttempts: 3 });
    const spammed = await createChallenge(web.app, ctf, { name: 'spammed' });
    const player = await open({ session: captain });

    await player.page.goto(`/events/${ctf.slug}/challenges/${limited.id}`);
    let dialog = player.page.getByRole('dialog', { name: 'limited' });
    await dialog.getByText('Attempts left: 3').waitFor();
    await dialog.getByLabel('Flag').fill('ACS{wrong}');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.getByText('Attempts left: 2').waitFor();

    // Ten wrong flags a minute per team and challenge: the eleventh is refused with Retry-After.
    for (let index = 0; index < 10; index += 1) await attempt(web.app, ctf, captain, spammed.id, `ACS{guess-${index}}`).expect(200);
    await player.page.goto(`/events/${ctf.slug}/challenges/${spammed.id}`);
    dialog = player.page.getByRole('dialog', { name: 'spammed' });
    await dialog.getByLabel('Flag').fill('ACS{one-more}');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    const notice = dialog.getByText(/Too many attempts: try again in \d+ s\./);
    await notice.waitFor();
    const first = Number(/in (\d+) s/.exec((await notice.textContent())!)![1]);
    expect(first).toBeGreaterThan(0);
    expect(await dialog.getByRole('button', { name: 'Submit' }).isDisabled()).toBe(true);
    // It counts down (no timing asserted beyond "it changes": Playwright's default 30 s, for a loaded machine's browser).
    const lower = Array.from({ length: first }, (_, seconds) => seconds).join('|');
    await dialog.getByText(new RegExp(`Too many attempts: try again in (${lower}) s\\.|You can try again now\\.`)).waitFor();
    await screenshot(player.page, 'ctf-rate-limited');
  });

  it('should leave a locked challenge off the board and show a deep link to it as unavailable until its requirement is solved', async () => {
    const ctf = await ctfWithName();
    const { captain } = await ctfTeam(web.app, ctf);
    const warmup = await createChallenge(web.app, ctf, { name: 'warmup' });
    const locked = await createChallenge(web.app, ctf, { name: 'sequel', requirements: ['warmup'] });
    const player = await open({ session: captain });
    await player.page.goto(`/events/${ctf.slug}/challenges`);
    await player.page.getByRole('link', { name: 'Open warmup' }).waitFor();
    expect(await player.page.getByText('sequel').count()).toBe(0);
    await player.page.goto(`/events/${ctf.slug}/challenges/${locked.id}`);
    await player.page.getByRole('dialog', { name: 'Challenge not available' }).waitFor();
    expect(await player.page.getByText('sequel').count()).toBe(0);

    await attempt(web.app, ctf, captain, warmup.id, warmup.flag).expect(200);
    await player.page.reload();
    await player.page.getByRole('dialog', { name: 'sequel' }).waitFor();
  });
});
