import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { animationsSettled, browserSuite } from './utils/web-session';

// The console's CTF gaps in Debian's Chromium: editing an announcement in place (the player's open event page follows
// live) and deleting it, removing one challenge file, and disbanding a team (refused for a team with history).
jest.setTimeout(180_000);

describe('web organisers console: announcements, files and disbanding (Chromium)', () => {
  const suite = browserSuite({ withWorker: true });
  const open = suite.open;
  const confirmIn = async (page: Page, dialog: string, button: string) => {
    await page.getByRole('dialog', { name: dialog }).getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('dialog', { name: dialog }).waitFor({ state: 'detached' });
  };

  it('should edit an announcement in place with a preview and delete it, and the player’s open page follows both', async () => {
    const event = await runningCtf(suite.web.app);
    const team = await ctfTeam(suite.web.app, event);
    // axe on the editor in place and on the confirmation, checked at the end.
    const found: Record<string, string[]> = {};
    await suite.web.app
      .http()
      .post(`/api/v1/events/${event.slug}/announcements`)
      .set('Authorization', event.organiser.auth)
      .send({ title: 'Web-1 down', body: 'restartng' })
      .expect(201);
    const player = (await open({ session: team.captain })).page;
    await player.goto(`/events/${event.slug}`);
    await player.getByRole('heading', { level: 3, name: 'Web-1 down' }).waitFor();

    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/announcements`);
    await page.getByRole('button', { name: 'Edit the announcement Web-1 down' }).click();
    const card = page.getByRole('article', { name: 'Web-1 down' });
    await card.getByRole('textbox', { name: 'Title' }).fill('Web-1 is back');
    await card.getByRole('textbox', { name: 'Message' }).fill('**restarted** at noon');
    await card.getByRole('tab', { name: 'Preview' }).click();
    await card.getByRole('tabpanel').locator('strong', { hasText: 'restarted' }).waitFor();
    found['announcement editor'] = describeViolations(await blockingViolations(page));
    await card.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Announcement updated: open pages show the new text.').waitFor();
    await page.getByRole('article', { name: 'Web-1 is back' }).locator('strong', { hasText: 'restarted' }).waitFor();
    // The player's page was not reloaded: the stream brought the edit.
    await player.getByRole('heading', { level: 3, name: 'Web-1 is back' }).waitFor();
    await player.locator('strong', { hasText: 'restarted' }).waitFor();

    await page.getByRole('button', { name: 'Delete the announcement Web-1 is back' }).click();
    await page.getByRole('dialog', { name: 'Delete this announcement?' }).waitFor();
    await animationsSettled(page);
    found['delete dialog'] = describeViolations(await blockingViolations(page));
    await confirmIn(page, 'Delete this announcement?', 'Delete');
    await page.getByText('Announcement deleted.').waitFor();
    await page.getByText('No announcement yet.').waitFor();
    await player.getByRole('heading', { level: 3, name: 'Web-1 is back' }).waitFor({ state: 'detached' });
    expect((await suite.web.app.http().get(`/api/v1/events/${event.slug}/announcements`).expect(200)).body).toEqual([]);
    expect(found).toEqual({ 'announcement editor': [], 'delete dialog': [] });
  });

  it('should remove one file of a challenge from the editor after a confirmation', async () => {
    const event = await runningCtf(suite.web.app);
    const challenge = await createChallenge(suite.web.app, event, { name: `files-${randomUUID().slice(0, 6)}` });
    for (const name of ['leaked-solution.py', 'handout.zip']) {
      await suite.web.app
        .http()
        .post(challengesPath(event, `/${challenge.id}/files`))
        .set('Authorization', event.organiser.auth)
        .attach('file', Buffer.from(name), name)
        .expect(201);
    }
    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/challenges/${challenge.id}`);
    await page.getByRole('button', { name: 'Remove the file leaked-solution.py' }).click();
    await page.getByRole('dialog', { name: 'Remove this file?' }).getByText('players can no longer download it').waitFor();
    await confirmIn(page, 'Remove this file?', 'Remove');
    await page.getByText('File removed.').waitFor();
    await page.getByRole('button', { name: 'Remove the file leaked-solution.py' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Remove the file handout.zip' }).waitFor();
    const detail = await suite.web.app
      .http()
      .get(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(200);
    expect(detail.body.files.map((file: { name: string }) => file.name)).toEqual(['handout.zip']);
  });

  it('should disband a team without history from the teams page, and show the API’s refusal for one with an attempt', async () => {
    const event = await runningCtf(suite.web.app);
    const challenge = await createChallenge(suite.web.app, event);
    const clean = await ctfTeam(suite.web.app, event, 2);
    const played = await ctfTeam(suite.web.app, event);
    await attempt(suite.web.app, event, played.captain, challenge.id, 'ACS{guess}').expect(200);
    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/teams`);
    await page.getByRole('button', { name: `Disband the team ${clean.team.name}` }).click();
    await page.getByRole('dialog', { name: 'Disband this team?' }).getByText('freed to join or create another team').waitFor();
    await confirmIn(page, 'Disband this team?', 'Yes, do it');
    await page.getByText('Team disbanded.').waitFor();
    await page.getByRole('article', { name: clean.team.name }).waitFor({ state: 'detached' });
    await suite.web.app.http().get(`/api/v1/events/${event.slug}/teams/me`).set('Authorization', clean.members[0].auth).expect(404);

    await page.getByRole('button', { name: `Disband the team ${played.team.name}` }).click();
    await confirmIn(page, 'Disband this team?', 'Yes, do it');
    await page.getByRole('alert').filter({ hasText: 'hide or ban it instead' }).waitFor();
    await page.getByRole('article', { name: played.team.name }).waitFor();
  });
});
