import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { TestEvent } from './factories/event.factory';
import { addCriterion, addJudge, assign, configure, eventPath, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { TestUser } from './factories/user.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { animationsSettled, openPlayerPage, PlayerPage, PlayerPageOptions, screenshot, startWebHarness, WebHarness } from './utils/web-session';

// The judges' panel in Debian's Chromium against the real api serving the built app: a judge finds their assignments
// from the account menu, scores one through the rubric form (a reload keeps the unsaved marks, range errors sit next
// to their criterion, the API's 400 too), revises until judging closes, declares a conflict, and does pairwise votes
// with an undo on a 360 px screen; team-written text stays inert, and a participant gets neither the pages nor the API.
jest.setTimeout(180_000);

const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';

describe('web judges panel (Chromium)', () => {
  let web: WebHarness;
  const players: PlayerPage[] = [];

  beforeAll(async () => {
    web = await startWebHarness();
  }, 300_000);

  afterAll(async () => {
    await web?.close();
  });

  afterEach(async () => {
    const closing = players.splice(0);
    await Promise.all(closing.map((player) => player.close()));
    expect(closing.flatMap((player) => player.errors)).toEqual([]);
  });

  const open = async (user: TestUser, options: PlayerPageOptions = {}) => {
    const player = await openPlayerPage(web, { ...options, session: user });
    players.push(player);
    return player.page;
  };

  const expectAxeClean = async (page: Page, include?: string) => {
    const violations = await blockingViolations(page, include ? { include } : {});
    expect(describeViolations(violations)).toEqual([]);
  };

  /** A rubric hackathon: Impact (weight 2, 1..5) and Craft (0..10), three projects (one named with markup), one judge on all. */
  async function rubricEvent() {
    const event = await runningHackathon(web.app, { title: `Judging ${randomUUID().slice(0, 6)}` });
    const impact = await addCriterion(web.app, event, { name: 'Impact', weight: 2, min: 1, max: 5, description: `Who it helps ${XSS}` });
    const craft = await addCriterion(web.app, event, { name: 'Craft', weight: 1, min: 0, max: 10 });
    const hostile = await teamWithProject(web.app, event, {
      title: `Alpha ${XSS}`,
      summary: `Summary ${XSS}`,
      description: `Details ${XSS}`,
      repoUrl: 'https://github.com/arena/alpha',
      videoUrl: 'https://video.example/alpha',
    });
    const beta = await teamWithProject(web.app, event, { title: 'Beta flood alerts' });
    const gamma = await teamWithProject(web.app, event, { title: 'Gamma clinic queue' });
    const judge = await addJudge(web.app, event);
    await assign(web.app, event, 1).expect(200);
    return { event, impact: impact.id, craft: craft.id, hostile, beta, gamma, judge };
  }

  const assignmentTitles = (page: Page) =>
    page
      .getByRole('list', { name: /Your assignments in/ })
      .getByRole('link')
      .allTextContents();

  it('should let a judge score an assignment through the rubric form, keep the draft across a reload, and revise until judging closes', async () => {
    const { event, impact, craft, hostile, beta, gamma, judge } = await rubricEvent();
    const page = await open(judge);
    await page.goto('/events');
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Judging' }).click();
    await page.getByRole('heading', { level: 1, name: 'Judging' }).waitFor();
    await page.getByText('0 of 3 scored').waitFor();
    expect(await assignmentTitles(page)).toEqual([hostile.project.title, beta.project.title, gamma.project.title]);
    await expectAxeClean(page);

    await page.getByRole('link', { name: beta.project.title }).click();
    await page.getByRole('heading', { level: 1, name: beta.project.title }).waitFor();
    await page.getByText('Weight 2 · from 1 to 5').waitFor();
    await page.getByText(`Who it helps ${XSS}`).waitFor();
    await page.getByRole('textbox', { name: 'Impact' }).fill('4');
    await page.getByRole('textbox', { name: 'Comment for the organisers' }).fill('Clear demo');
    await page.reload();
    await page.getByText('Your unsaved scores were restored.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Impact' }).inputValue()).toBe('4');
    expect(await page.getByRole('textbox', { name: 'Comment for the organisers' }).inputValue()).toBe('Clear demo');

    // Out of range and missing: refused in the page, each message next to its criterion.
    await page.getByRole('textbox', { name: 'Craft' }).fill('11');
    await page.getByRole('button', { name: 'Save scores' }).click();
    const craftField = page.getByRole('textbox', { name: 'Craft' });
    await page.getByText('Enter a score from 0 to 10.').waitFor();
    expect(await craftField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Impact' }).getAttribute('aria-invalid')).not.toBe('true');
    await expectAxeClean(page);
    await craftField.fill('7');
    await page.getByRole('button', { name: 'Save scores' }).click();
    await page.getByText('Scores saved. You can revise them until judging closes.').waitFor();
    const saved = await web.app
      .http()
      .get(eventPath(event, `/projects/${beta.project.id}/scores`))
      .set('Authorization', judge.auth)
      .expect(200);
    expect(saved.body).toEqual([expect.objectContaining({ judgeId: judge.id, scores: { [impact]: 4, [craft]: 7 }, comment: 'Clear demo' })]);
    expect(await page.evaluate(`Object.keys(localStorage).filter((key) => key.startsWith('arena.judging.draft:'))`)).toEqual([]);

    // The API's own 400 (a mark altered on the way) lands next to the criterion it names.
    await page.route(`**/projects/${beta.project.id}/scores`, async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}');
      return route.continue({ postData: JSON.stringify({ ...body, scores: { ...body.scores, [impact]: 9 } }) });
    });
    await page.getByRole('textbox', { name: 'Impact' }).fill('5');
    await page.getByRole('button', { name: 'Update scores' }).click();
    await page.getByText('Enter a score from 1 to 5.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Impact' }).getAttribute('aria-invalid')).toBe('true');
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Update scores' }).click();
    await page.getByText('Scores saved. You can revise them until judging closes.').waitFor();
    const revised = await web.app
      .http()
      .get(eventPath(event, `/projects/${beta.project.id}/scores`))
      .set('Authorization', judge.auth)
      .expect(200);
    expect(revised.body[0].scores).toEqual({ [impact]: 5, [craft]: 7 });

    await page.getByRole('link', { name: 'Back to my judging' }).click();
    await page.getByText('1 of 3 scored').waitFor();
    expect(await assignmentTitles(page)).toEqual([hostile.project.title, gamma.project.title, beta.project.title]);

    // Closed: the form shows the marks read-only, with a notice, and no button.
    await configure(web.app, event, { judgingClosed: true });
    await page.goto(`/events/${event.slug}/judging/projects/${beta.project.id}`);
    await page.getByText('Judging is closed: scores can no longer be changed.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Impact' }).inputValue()).toBe('5');
    expect(await page.getByRole('textbox', { name: 'Impact' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /scores/ }).count()).toBe(0);
    await screenshot(page, 'judging-closed');
  });

  it('should keep team-written markup inert and make only http(s) links clickable, opening them without a handle on the app', async () => {
    const { event, hostile, judge } = await rubricEvent();
    const page = await open(judge, { viewport: { width: 360, height: 740 } });
    // The event page offers its judges the panel.
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('link', { name: 'Judging', exact: true }).click();
    await page.waitForURL('**/judging');
    await page.getByRole('link', { name: hostile.project.title }).click();
    await page.getByRole('heading', { level: 1, name: hostile.project.title }).waitFor();
    await page.getByText(`Summary ${XSS}`).waitFor();
    await page.getByText(`Details ${XSS}`).waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    const repo = page.getByRole('link', { name: 'https://github.com/arena/alpha' });
    expect(await repo.getAttribute('rel')).toContain('noopener');
    expect(await repo.getAttribute('target')).toBe('_blank');
    expect(await page.getByRole('link', { name: 'https://video.example/alpha' }).getAttribute('rel')).toContain('noopener');
    await page.getByText('The team has not uploaded an archive.').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAxeClean(page);
    await screenshot(page, 'judging-project');
  });

  it('should let a judge declare a conflict after a confirmation, and the project leaves their list', async () => {
    const { event, gamma, judge } = await rubricEvent();
    const page = await open(judge);
    await page.goto(`/events/${event.slug}/judging/projects/${gamma.project.id}`);
    await page.getByRole('button', { name: 'Declare a conflict' }).click();
    const dialog = page.getByRole('dialog', { name: 'Declare a conflict' });
    await dialog.waitFor();
    await animationsSettled(page);
    await expectAxeClean(page, '[role="dialog"]');
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await web.app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', judge.auth).expect(200)).body).toHaveLength(3);

    await page.getByRole('button', { name: 'Declare a conflict' }).click();
    await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('I mentored this team');
    await dialog.getByRole('button', { name: 'Declare the conflict' }).click();
    await page.waitForURL('**/judging');
    await page.getByText(`Conflict declared: "${gamma.project.title}" is no longer in your list.`).waitFor();
    await page.getByText('0 of 2 scored').waitFor();
    expect(await assignmentTitles(page)).not.toContain(gamma.project.title);
    const mine = await web.app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', judge.auth).expect(200);
    expect(mine.body.map((row: { projectId: string }) => row.projectId)).not.toContain(gamma.project.id);
    const conflicts = await web.app.http().get(eventPath(event, '/judging/conflicts')).set('Authorization', event.organiser.auth).expect(200);
    expect(conflicts.body).toEqual([expect.objectContaining({ judgeId: judge.id, teamId: gamma.team.id, reason: 'I mentored this team' })]);
    // Its page now says it is not theirs, without the rubric.
    await page.goto(`/events/${event.slug}/judging/projects/${gamma.project.id}`);
    await page.getByText('This project is not (or no longer) one of your assignments.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Impact' }).count()).toBe(0);
  });

  it('should let a judge vote pairwise, skip and undo the last vote on a 360 px screen', async () => {
    const event: TestEvent = await runningHackathon(web.app, { title: `Pairwise ${randomUUID().slice(0, 6)}` });
    await configure(web.app, event, { mode: 'pairwise' });
    for (const name of ['Delta', 'Echo', 'Foxtrot', 'Golf']) await teamWithProject(web.app, event, { title: `${name} ${XSS}`, summary: `About ${name}` });
    const judge = await addJudge(web.app, event);
    const page = await open(judge, { viewport: { width: 360, height: 740 } });
    await page.goto('/judging');
    await page.getByRole('link', { name: 'Start pairwise judging' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pairwise judging' }).waitFor();
    await page.getByRole('button', { name: 'This one is better' }).waitFor();
    const pairTitles = async () => [await page.locator('#pair-next h2').textContent(), await page.locator('#pair-prev h2').textContent()];
    const first = await pairTitles();
    expect(first[0]).not.toBe(first[1]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAxeClean(page);
    await screenshot(page, 'judging-pairwise-360');

    await page.getByRole('button', { name: 'This one is better' }).click();
    await page.getByText('Vote recorded.').waitFor();
    const second = await pairTitles();
    // The winner of the vote stays on screen as "that one" and a new project comes in.
    expect(second[1]).toBe(first[0]);
    const state = () => web.app.http().get(eventPath(event, '/judging/pairwise/state')).set('Authorization', event.organiser.auth).expect(200);
    expect((await state()).body.votes).toBe(1);

    await page.getByRole('button', { name: 'Undo my last vote' }).click();
    await page.getByText('Last vote undone.').waitFor();
    expect(await pairTitles()).toEqual(first);
    expect((await state()).body.votes).toBe(0);
    await page.getByRole('button', { name: 'Undo my last vote' }).click();
    await page.getByText('You have no vote to undo.').waitFor();

    await page.getByRole('button', { name: 'Skip this one' }).click();
    await page.getByText('Project skipped.').waitFor();
    const afterSkip = await pairTitles();
    expect(afterSkip[1]).toBe(first[1]);
    expect(afterSkip[0]).not.toBe(first[0]);
    await page.getByRole('button', { name: 'That one is better' }).click();
    await page.getByText('Vote recorded.').waitFor();
    const votes = (await state()).body;
    expect(votes.votes).toBe(1);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('should give a participant no judging page, no menu entry and no judging API', async () => {
    const { event, beta, impact, craft } = await rubricEvent();
    const page = await open(beta.captain);
    await page.goto('/events');
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Judging' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.goto('/judging');
    await page.getByText('You are not a judge of any event.').waitFor();
    await page.goto(`/events/${event.slug}/judging/projects/${beta.project.id}`);
    await page.getByText("Only this event's judges can open this page.").waitFor();
    expect(await page.getByRole('textbox', { name: 'Impact' }).count()).toBe(0);
    await page.goto(`/events/${event.slug}/judging/pairwise`);
    await page.getByText("Only this event's judges can open this page.").waitFor();
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('heading', { level: 1, name: String(event.body.title) }).waitFor();
    expect(await page.getByRole('link', { name: 'Judging', exact: true }).count()).toBe(0);
    await expectAxeClean(page);

    const http = web.app.http();
    await http.get(eventPath(event, '/judging/assignments')).set('Authorization', beta.captain.auth).expect(403);
    await http
      .put(eventPath(event, `/projects/${beta.project.id}/scores`))
      .set('Authorization', beta.captain.auth)
      .send({ scores: { [impact]: 5, [craft]: 10 } })
      .expect(403);
    await http.post(eventPath(event, '/judging/conflicts')).set('Authorization', beta.captain.auth).send({ teamId: beta.team.id }).expect(403);
    await http.get(eventPath(event, '/judging/pairwise/next')).set('Authorization', beta.captain.auth).expect(403);
    expect((await http.get('/api/v1/judging/me').set('Authorization', beta.captain.auth).expect(200)).body).toEqual([]);
  });
});
