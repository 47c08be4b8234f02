import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { attempt, createChallenge, CtfTeam, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTeam, joinTeam, registeredUser } from './factories/team.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { animationsSettled, browserSuite, screenshot } from './utils/web-session';

// Running a CTF from the organisers' console in Debian's Chromium, against the real api serving the built app and a
// real worker computing the boards: issue 16's test 5 (freeze and reveal, the live board beside the public one), the
// attempts log flagging flag sharing, team actions, awards and announcements, axe and 360 px on every new page,
// user-written text staying inert, and a player refused.
jest.setTimeout(240_000);

const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';

describe('web organisers console: running a CTF (Chromium)', () => {
  const suite = browserSuite({ withWorker: true });
  const { open } = suite;

  const solve = async (event: TestEvent, team: CtfTeam, challenge: { id: string; flag: string }) =>
    expect((await attempt(suite.web.app, event, team.captain, challenge.id, challenge.flag).expect(200)).body).toMatchObject({ status: 'correct' });
  const row = (page: Page, table: string, team: string) => page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: team });
  // Both boards (the public page's and the console's) put the score in the third cell.
  const score = (page: Page, table: string, team: string) => row(page, table, team).getByRole('cell').nth(2);
  const waitForScore = (page: Page, table: string, team: string, value: number) =>
    score(page, table, team)
      .filter({ hasText: new RegExp(`^\\s*${value}\\s*$`) })
      .waitFor();
  const expectInert = async (page: Page) => {
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
  };
  const confirmIn = async (page: Page, dialog: string, button: string) => {
    await page.getByRole('dialog', { name: dialog }).getByRole('button', { name: button }).click();
    await page.getByRole('dialog', { name: dialog }).waitFor({ state: 'detached' });
  };

  it('should freeze the public board while the organiser’s keeps moving, and show everyone the final board on reveal (issue test 5)', async () => {
    const event = await runningCtf(suite.web.app, { title: `Freeze Cup ${randomUUID().slice(0, 6)}` });
    const challenge = await createChallenge(suite.web.app, event, { value: 300 });
    const [alpha, bravo] = [await ctfTeam(suite.web.app, event), await ctfTeam(suite.web.app, event)];
    await solve(event, alpha, challenge);

    const visitor = (await open()).page;
    await visitor.goto(`/events/${event.slug}/board`);
    await waitForScore(visitor, 'Leaderboard', alpha.team.name, 300);
    await row(visitor, 'Leaderboard', bravo.team.name).waitFor();

    const organiser = (await open({ session: event.organiser })).page;
    await organiser.goto(`/events/${event.slug}/manage`);
    await organiser.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Freeze and boards' }).click();
    await organiser.getByRole('heading', { level: 2, name: 'Freeze and boards' }).waitFor();
    await organiser.getByText('No freeze is set: everyone sees the live scoreboard.').waitFor();
    await organiser.getByRole('button', { name: 'Freeze now' }).click();
    await confirmIn(organiser, 'Freeze now', 'Yes, do it');
    await organiser.getByText('The scoreboard freezes (or froze) at').waitFor();
    await organiser.getByRole('region', { name: 'Public board', exact: true }).getByText('Frozen').waitFor();
    await visitor.getByText('The scoreboard is frozen').waitFor();
    // The live board now says frozen: freezing again (which would move the freeze later) is no longer offered.
    await organiser.getByRole('button', { name: 'Freeze now' }).waitFor({ state: 'detached' });

    // Bravo solves during the freeze: the organiser's live board shows it, the public one does not.
    await solve(event, bravo, challenge);
    await waitForScore(organiser, 'Live board (organisers)', bravo.team.name, 300);
    // A change the public does see (a new team joins the board) proves the public pages got the boards pushed since.
    const latecomer = await registeredUser(suite.web.app, event);
    const charlie = await createTeam(suite.web.app, event, latecomer, { name: `Charlie ${randomUUID().slice(0, 6)}` });
    await row(visitor, 'Leaderboard', charlie.name).waitFor();
    await row(organiser, 'Public board', charlie.name).waitFor();
    expect(await score(visitor, 'Leaderboard', bravo.team.name).textContent()).toBe('0');
    expect(await score(organiser, 'Public board', bravo.team.name).textContent()).toBe('0');
    await screenshot(organiser, 'console-freeze');

    // Revealing before the end is refused by the API, and the console says why.
    await organiser.getByRole('button', { name: 'Reveal the final standings' }).click();
    await confirmIn(organiser, 'Reveal the final standings', 'Yes, do it');
    await organiser.getByRole('alert').filter({ hasText: 'once the event has ended' }).waitFor();

    // The contest ends; the organiser reveals: the visitor's board shows the final standings, without a reload.
    await suite.web.app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ endsAt: new Date().toISOString() }).expect(200);
    await organiser.getByRole('button', { name: 'Reveal the final standings' }).click();
    await confirmIn(organiser, 'Reveal the final standings', 'Yes, do it');
    await organiser.getByText('The final standings were revealed at').waitFor();
    await waitForScore(visitor, 'Leaderboard', bravo.team.name, 300);
    await waitForScore(organiser, 'Public board', bravo.team.name, 300);
    expect(await visitor.getByText('The scoreboard is frozen').count()).toBe(0);
    const final = (await suite.web.app.http().get(`/api/v1/events/${event.slug}/leaderboard`).expect(200)).body;
    expect(final.rows.map((entry: { teamId: string; score: number }) => [entry.teamId, entry.score]).slice(0, 2)).toEqual([
      [alpha.team.id, 300],
      [bravo.team.id, 300],
    ]);
  });

  it('should flag two teams sending the same wrong flag in the attempts log, filter it, and keep submissions inert', async () => {
    const event = await runningCtf(suite.web.app);
    const challenge = await createChallenge(suite.web.app, event, { name: `leaky-${randomUUID().slice(0, 6)}` });
    const [one, two, three] = [await ctfTeam(suite.web.app, event), await ctfTeam(suite.web.app, event), await ctfTeam(suite.web.app, event)];
    await attempt(suite.web.app, event, one.captain, challenge.id, 'ACS{from-the-writeup}').expect(200);
    await attempt(suite.web.app, event, two.captain, challenge.id, 'ACS{from-the-writeup}').expect(200);
    await attempt(suite.web.app, event, three.captain, challenge.id, HOSTILE).expect(200);

    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/attempts`);
    await page.getByRole('heading', { level: 2, name: 'Attempts log' }).waitFor();
    const table = 'Attempts log';
    for (const team of [one, two]) await row(page, table, team.team.name).getByText('Possible sharing · other teams: 1').waitFor();
    expect(
      await row(page, table, three.team.name)
        .getByText(/Possible sharing/)
        .count(),
    ).toBe(0);
    expect(await row(page, table, three.team.name).getByText(HOSTILE).count()).toBe(1);
    await expectInert(page);
    await screenshot(page, 'console-attempts');

    // The filters live in the address: the box follows once the router has moved (click, then wait for the effect).
    await page.getByLabel('Only possible flag sharing').click();
    await page.waitForURL(/shared=true/);
    await row(page, table, three.team.name).waitFor({ state: 'detached' });
    await page.getByText('Total: 2').waitFor();
    // A one-minute window still flags them (they were sent seconds apart); the filter lives in the address.
    await page.getByLabel('Sharing window (minutes)').fill('1');
    await page.waitForURL(/window=1/);
    await page.getByText('Total: 2').waitFor();
    await page.getByLabel('Only possible flag sharing').click();
    await page.waitForURL((url) => !url.search.includes('shared='));
    await page.getByLabel('Team').selectOption({ label: three.team.name });
    await row(page, table, one.team.name).waitFor({ state: 'detached' });
    await page.getByText('Total: 1').waitFor();
  });

  it('should hide a team, move it to another division and remove a member from the teams section, with its attempts and solves a click away', async () => {
    const event = await runningCtf(suite.web.app, { divisions: ['student', 'open'] });
    const challenge = await createChallenge(suite.web.app, event);
    const captain = await registeredUser(suite.web.app, event);
    const team = await createTeam(suite.web.app, event, captain, { name: HOSTILE, division: 'student' });
    const mate = await registeredUser(suite.web.app, event, { displayName: 'Mai Member' });
    await joinTeam(suite.web.app, event, mate, team.inviteCode);
    await attempt(suite.web.app, event, captain, challenge.id, 'ACS{nope}').expect(200);
    await attempt(suite.web.app, event, captain, challenge.id, challenge.flag).expect(200);

    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/teams`);
    const card = page.getByRole('article', { name: HOSTILE });
    await card.getByRole('heading', { name: HOSTILE }).waitFor();
    await expectInert(page);

    await card.getByRole('button', { name: 'Hide from the boards' }).click();
    await confirmIn(page, 'Hide from the boards', 'Yes, do it');
    await card.getByText('Hidden', { exact: true }).waitFor();
    await card.getByLabel(`Division of ${HOSTILE}`).selectOption('open');
    await card.getByRole('button', { name: 'Move', exact: true }).click();
    await confirmIn(page, 'Move to open', 'Yes, do it');
    // Saved and read back: the team's division is now the one picked, so there is nothing left to move.
    await card.getByRole('button', { name: 'Move', exact: true, disabled: true }).waitFor();
    await card.getByRole('button', { name: `Remove member Mai Member from ${HOSTILE}` }).click();
    await confirmIn(page, 'Remove member', 'Yes, do it');
    await card.getByText(/Mai Member/).waitFor({ state: 'detached' });
    const [listed] = (await suite.web.app.http().get(`/api/v1/events/${event.slug}/teams/all`).set('Authorization', event.organiser.auth).expect(200)).body;
    expect(listed).toMatchObject({ id: team.id, hidden: true, division: 'open', members: [{ userId: captain.id }] });
    await screenshot(page, 'console-teams');

    await card.getByRole('link', { name: `Solves of ${HOSTILE}` }).click();
    await page.getByRole('heading', { level: 2, name: 'Attempts log' }).waitFor();
    await page.getByText('Total: 1').waitFor();
    await row(page, 'Attempts log', challenge.name).getByText('Correct').waitFor();
    await page.goBack();
    await page
      .getByRole('article', { name: HOSTILE })
      .getByRole('link', { name: `Attempts of ${HOSTILE}` })
      .click();
    await page.getByText('Total: 2').waitFor();
    await expectInert(page);
  });

  it('should post an announcement players then see and give then remove an award, with user text inert', async () => {
    const event = await runningCtf(suite.web.app);
    const team = await ctfTeam(suite.web.app, event);
    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/announcements`);
    await page.getByLabel('Title').fill(`Hint drop ${HOSTILE}`);
    await page.getByRole('textbox', { name: 'Message' }).fill(`**Bold** news ${HOSTILE}`);
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByRole('tabpanel').locator('strong', { hasText: 'Bold' }).waitFor();
    await page.getByRole('button', { name: 'Post announcement' }).click();
    await page.getByText('Announcement posted.').waitFor();
    await page.getByRole('article', { name: `Hint drop ${HOSTILE}` }).waitFor();
    // The player finds it on the event page (live delivery to open pages is the event stream's, tested with it).
    const player = (await open({ session: team.captain })).page;
    await player.goto(`/events/${event.slug}`);
    await player.getByRole('heading', { level: 3, name: `Hint drop ${HOSTILE}` }).waitFor();
    await expectInert(page);
    await expectInert(player);

    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Awards' }).click();
    await page.getByLabel('Team').selectOption({ label: team.team.name });
    await page.getByRole('textbox', { name: 'Points' }).fill('50');
    await page.getByRole('textbox', { name: 'Reason' }).fill(`Writeup ${HOSTILE}`);
    await page.getByRole('button', { name: 'Save award' }).click();
    await page.getByText('Award saved. The boards count it.').waitFor();
    await row(page, 'Awards', `Writeup ${HOSTILE}`).getByText('+50').waitFor();
    const awarded = (await suite.web.app.http().get(`/api/v1/events/${event.slug}/leaderboard`).set('Authorization', event.organiser.auth).expect(200)).body;
    expect(awarded.rows[0]).toMatchObject({ teamId: team.team.id, score: 50 });
    await page.getByRole('button', { name: `Remove award to ${team.team.name}: Writeup ${HOSTILE}` }).click();
    await confirmIn(page, 'Remove award', 'Yes, remove it');
    await page.getByText('No award yet.').waitFor();
    await expectInert(page);
    expect((await suite.web.app.http().get(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).expect(200)).body).toEqual([]);
  });

  it('should refuse a player the new console sections, while the API refuses them the attempts and the teams list', async () => {
    const event = await runningCtf(suite.web.app);
    const team = await ctfTeam(suite.web.app, event);
    const { page } = await open({ session: team.captain });
    for (const section of ['attempts', 'teams', 'board', 'awards', 'announcements']) {
      await page.goto(`/events/${event.slug}/manage/${section}`);
      await page.getByRole('alert').filter({ hasText: 'can open its console' }).waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
    }
    await suite.web.app.http().get(`/api/v1/events/${event.slug}/attempts`).set('Authorization', team.captain.auth).expect(403);
    await suite.web.app.http().get(`/api/v1/events/${event.slug}/teams/all`).set('Authorization', team.captain.auth).expect(403);
    await suite.web.app.http().post(`/api/v1/events/${event.slug}/leaderboard/reveal`).set('Authorization', team.captain.auth).expect(403);
  });

  it('should pass axe-core without serious or critical violations on every new page, at 1280 and 360 px', async () => {
    const event = await runningCtf(suite.web.app, { divisions: ['open'] });
    const challenge = await createChallenge(suite.web.app, event);
    const inDivision = async () => {
      const captain = await registeredUser(suite.web.app, event);
      return { captain, team: await createTeam(suite.web.app, event, captain, { division: 'open' }) };
    };
    const [one, two] = [await inDivision(), await inDivision()];
    for (const member of [one, two]) await attempt(suite.web.app, event, member.captain, challenge.id, 'ACS{same-wrong}').expect(200);
    await suite.web.app
      .http()
      .post(`/api/v1/events/${event.slug}/awards`)
      .set('Authorization', event.organiser.auth)
      .send({ teamId: one.team.id, value: 10, reason: 'Kind' })
      .expect(201);
    await suite.web.app
      .http()
      .post(`/api/v1/events/${event.slug}/announcements`)
      .set('Authorization', event.organiser.auth)
      .send({ title: 'Welcome', body: 'Good luck' })
      .expect(201);
    const ready: Record<string, (page: Page) => Promise<void>> = {
      teams: (page) => page.getByRole('article', { name: one.team.name }).waitFor(),
      announcements: (page) => page.getByRole('article', { name: 'Welcome' }).waitFor(),
      board: (page) => row(page, 'Public board', two.team.name).waitFor(),
      // The award's reason cell (the header row has a 'Kind' column too).
      awards: (page) => page.getByRole('table', { name: 'Awards' }).getByRole('cell', { name: 'Kind', exact: true }).waitFor(),
      attempts: (page) => page.getByText('Possible sharing · other teams: 1').first().waitFor(),
    };
    const found: Record<string, string[]> = {};
    for (const viewport of [undefined, { width: 360, height: 740 }]) {
      const { page } = await open({ session: event.organiser, viewport, colorScheme: viewport ? 'light' : 'dark' });
      const width = viewport ? viewport.width : 1280;
      for (const [section, waitFor] of Object.entries(ready)) {
        await page.goto(`/events/${event.slug}/manage/${section}`);
        await waitFor(page);
        found[`${section} @${width}`] = describeViolations(await blockingViolations(page));
        // Nothing wider than the screen at 360 px: tables scroll inside their own container.
        if (viewport) expect([section, await page.evaluate('document.documentElement.scrollWidth')]).toEqual([section, 360]);
      }
      if (!viewport) {
        await page.goto(`/events/${event.slug}/manage/board`);
        await page.getByRole('button', { name: 'Freeze now' }).click();
        await page.getByRole('dialog', { name: 'Freeze now' }).waitFor();
        await animationsSettled(page);
        found['freeze dialog'] = describeViolations(await blockingViolations(page));
      }
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  });
});
