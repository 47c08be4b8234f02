import { readFileSync } from 'fs';
import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { createEvent, TestEvent } from './factories/event.factory';
import { addCriterion, addJudge, assign, eventPath, putScores, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { openPlayerPage, PlayerPage, PlayerPageOptions, screenshot, startWebHarnessWithWorker, WebHarness } from './utils/web-session';

// Issue 16's test 3 in Chromium against the real api and worker: an organiser sets up a hackathon from the console
// (criteria, two tracks, the check command, three judges added by email, a previewed automatic assignment), a judge
// scores through the rubric form, the organiser closes judging and publishes, and the public board shows the ranks
// the API computes. Also: the new pages pass axe and fit 360 px, team-written titles stay inert, participants are refused.
jest.setTimeout(240_000);

const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';

/** Polls `read` until `done` holds (no fixed sleeps); fails with the last value seen. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met; last value ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}

describe('web organisers console, hackathon (Chromium)', () => {
  let web: WebHarness;
  const players: PlayerPage[] = [];

  beforeAll(async () => {
    web = await startWebHarnessWithWorker();
  }, 300_000);

  afterAll(async () => {
    await web?.close();
  });

  afterEach(async () => {
    const closing = players.splice(0);
    await Promise.all(closing.map((player) => player.close()));
    expect(closing.flatMap((player) => player.errors)).toEqual([]);
  });

  const open = async (user?: TestUser, options: PlayerPageOptions = {}) => {
    const player = await openPlayerPage(web, { ...options, ...(user ? { session: user } : {}) });
    players.push(player);
    return player.page;
  };

  const expectAxeClean = async (page: Page) => {
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
  };

  const api = (event: TestEvent, path: string, user: TestUser = event.organiser) => web.app.http().get(eventPath(event, path)).set('Authorization', user.auth);

  const section = async (page: Page, event: TestEvent, name: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 2, name: heading }).waitFor();
  };

  it('should let an organiser set up, assign, close and publish a hackathon, with the public board showing the ranks the API computes', async () => {
    const event = await runningHackathon(web.app, { title: `Hack ${randomUUID().slice(0, 6)}` });
    const names = ['Ana', 'Budi', 'Chen'].map((name) => `Judge ${name} ${randomUUID().slice(0, 4)}`);
    const judges = await Promise.all(names.map((displayName) => registerUser(web.app, { displayName, country: 'SG' })));
    const page = await open(event.organiser);
    await page.goto(`/events/${event.slug}/manage`);

    // Criteria, two tracks and the check command.
    await section(page, event, 'Criteria and tracks', 'Criteria, tracks and checks');
    const addCriterionInBrowser = async (name: string, weight: string, min: string, max: string) => {
      await page.getByRole('textbox', { name: 'Name' }).fill(name);
      await page.getByRole('textbox', { name: 'Description' }).fill(`How well it does on ${name}`);
      await page.getByRole('textbox', { name: 'Weight' }).fill(weight);
      await page.getByRole('textbox', { name: 'Lowest score' }).fill(min);
      await page.getByRole('textbox', { name: 'Highest score' }).fill(max);
      await page.getByRole('button', { name: 'Add a criterion' }).click();
      await page.getByRole('cell', { name: new RegExp(`^${name}`) }).waitFor();
    };
    await addCriterionInBrowser('Impact', '2', '1', '5');
    // The API's own refusal (max not above min) lands next to the field it names.
    await page.getByRole('textbox', { name: 'Name' }).fill('Broken');
    await page.getByRole('textbox', { name: 'Lowest score' }).fill('5');
    await page.getByRole('textbox', { name: 'Highest score' }).fill('5');
    await page.getByRole('button', { name: 'Add a criterion' }).click();
    await page.getByText('max must be greater than min').waitFor();
    expect(await page.getByRole('textbox', { name: 'Highest score' }).getAttribute('aria-invalid')).toBe('true');
    await addCriterionInBrowser('Craft', '1', '0', '10');
    await page.getByRole('textbox', { name: 'Tracks' }).fill('fintech\nhealth');
    await page.getByRole('textbox', { name: 'Check command' }).fill('test -f README.md');
    await page.getByRole('button', { name: 'Save tracks and checks' }).click();
    await page.getByText('Saved.').waitFor();
    const criteria: Array<{ id: string; name: string; weight: number; min: number; max: number }> = (await api(event, '/criteria').expect(200)).body;
    expect(criteria.map(({ name, weight, min, max }) => ({ name, weight, min, max }))).toEqual([
      { name: 'Impact', weight: 2, min: 1, max: 5 },
      { name: 'Craft', weight: 1, min: 0, max: 10 },
    ]);
    expect((await api(event, '/hackathon').expect(200)).body).toMatchObject({ tracks: ['fintech', 'health'], checks: { command: 'test -f README.md' } });

    const made = [
      await teamWithProject(web.app, event, { title: `Ledger ${XSS}`, track: 'fintech' }),
      await teamWithProject(web.app, event, { title: 'Clinic queue', track: 'health' }),
      await teamWithProject(web.app, event, { title: 'Pay split', track: 'fintech' }),
    ];

    // Three judges by email; an unknown email is refused next to the field.
    await section(page, event, 'Judges', 'Judges');
    const email = page.getByRole('textbox', { name: "Email of the judge's account" });
    await email.fill(`nobody-${randomUUID()}@arena.test`);
    await page.getByRole('button', { name: 'Add judge' }).click();
    await page.getByText('No account uses this email. Ask them to sign up, then add them here.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    for (const [index, judge] of judges.entries()) {
      await email.fill(judge.email);
      await page.getByRole('button', { name: 'Add judge' }).click();
      await page.getByText(`${names[index]} is now a judge of this event.`).waitFor();
    }
    await page.getByRole('heading', { name: 'Judges (3)' }).waitFor();
    expect((await api(event, '/judging/judges').expect(200)).body.map((judge: { judgeId: string }) => judge.judgeId)).toEqual(judges.map((judge) => judge.id));

    // Automatic assignment: the preview saves nothing, then the plan applies.
    await section(page, event, 'Assignments', 'Assignments');
    await page.getByRole('textbox', { name: 'Judges per project' }).fill('2');
    await page.getByRole('button', { name: 'Preview the load' }).click();
    const loads = page.getByRole('table', { name: 'Load per judge' });
    await loads.waitFor();
    expect(await loads.getByRole('row').allTextContents()).toEqual(['JudgeProjects', ...names.map((name) => `${name}2`)]);
    await page.getByText('Balanced load').waitFor();
    expect((await api(event, '/judging/assignments').expect(200)).body).toEqual([]);
    await page.getByRole('button', { name: 'Apply this plan' }).click();
    await page.getByRole('heading', { name: 'Plan applied' }).waitFor();
    const assignments: Array<{ id: string; projectId: string; judgeId: string }> = (await api(event, '/judging/assignments').expect(200)).body;
    expect(assignments).toHaveLength(6);
    await page.getByRole('table', { name: 'Current assignments' }).getByText(`Ledger ${XSS}`).first().waitFor();

    // A judge scores one assignment through the rubric form; the others score through the API.
    const [first] = assignments;
    const judge = judges.find((candidate) => candidate.id === first.judgeId)!;
    const judgePage = await open(judge);
    await judgePage.goto(`/events/${event.slug}/judging/projects/${first.projectId}`);
    await judgePage.getByRole('textbox', { name: 'Impact' }).fill('5');
    await judgePage.getByRole('textbox', { name: 'Craft' }).fill('9');
    await judgePage.getByRole('button', { name: 'Save scores' }).click();
    await judgePage.getByText('Scores saved. You can revise them until judging closes.').waitFor();
    const [impact, craft] = criteria;
    const marks = new Map(made.map((item, index) => [item.project.id, [index === 0 ? 5 : index === 1 ? 3 : 2, 10 - 3 * index]]));
    for (const row of assignments.slice(1)) {
      const [i, c] = marks.get(row.projectId)!;
      const scorer = judges.find((candidate) => candidate.id === row.judgeId)!;
      await putScores(web.app, event, scorer, row.projectId, { [impact.id]: i, [craft.id]: c }).expect(200);
    }

    await section(page, event, 'Judging progress', 'Judging progress');
    await page.getByText('6 of 6 assignments scored.').waitFor();
    await page.getByRole('table', { name: 'By judge' }).getByText(names[0]).waitFor();

    // Close judging, then publish.
    await section(page, event, 'Results', 'Results');
    await page.getByRole('button', { name: 'Close judging' }).click();
    await page.getByText('Judging closed', { exact: true }).waitFor();
    expect((await api(event, '/hackathon').expect(200)).body.judgingClosed).toBe(true);
    await page.getByRole('button', { name: 'Publish results' }).click();
    await page.getByRole('button', { name: 'Unpublish results' }).waitFor();
    const results = (await web.app.http().get(eventPath(event, '/hackathon/results')).expect(200)).body;
    const ranking = page.getByRole('table', { name: 'Ranking' });
    const rankedTitles = await ranking.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [row.children[0].textContent, row.children[1].firstChild?.textContent]));
    expect(rankedTitles).toEqual(results.overall.map((row: { rank: number; title: string }) => [String(row.rank), row.title]));
    // The breakdown (organisers only) names the judges behind the top score.
    const breakdown = (await api(event, '/hackathon/results').expect(200)).body.overall[0].breakdown;
    await page.getByRole('button', { name: `Breakdown of ${results.overall[0].title}` }).click();
    const breakdownTable = page.getByRole('table', { name: `Breakdown of ${results.overall[0].title}` });
    await breakdownTable.waitFor();
    const judgeRows = breakdownTable.locator('tbody tr');
    expect(await judgeRows.evaluateAll((rows) => rows.map((row) => row.children[0].textContent))).toEqual(breakdown.judges.map((item: { judgeName: string }) => item.judgeName));
    await page.getByRole('table', { name: 'Track: fintech' }).waitFor();

    // A CSV export downloads with the session's token.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results.csv' }).click()]);
    expect(download.suggestedFilename()).toBe(`${event.slug}-results.csv`);
    expect(readFileSync(await download.path(), 'utf8')).toContain(results.overall[0].teamName);

    // The public board shows the API's ranks.
    const visitor = await open();
    await visitor.goto(`/events/${event.slug}/board`);
    const expected = results.overall.map((row: { rank: number; teamName: string }) => [String(row.rank), row.teamName]);
    const shown = await until(
      () =>
        visitor
          .getByRole('rowgroup', { name: 'Ranked teams' })
          .getByRole('row')
          .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('[role="cell"]')].slice(0, 2).map((cell) => cell.textContent?.trim() ?? ''))),
      (rows) => JSON.stringify(rows) === JSON.stringify(expected),
    );
    expect(shown).toEqual(expected);

    // Unpublishing takes the results back from the public.
    await page.getByRole('button', { name: 'Unpublish results' }).click();
    await page.getByRole('button', { name: 'Publish results' }).waitFor();
    // Read until it is gone: the button can flip before a read already on its way has answered.
    expect(
      await until(
        async () => (await web.app.http().get(eventPath(event, '/hackathon/results'))).status,
        (status) => status === 404,
        10_000,
      ),
    ).toBe(404);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await screenshot(page, 'console-hackathon-results');
  });

  it('should pass axe, fit 360 px and keep team-written titles inert on every hackathon section', async () => {
    const event = await runningHackathon(web.app, { title: `Hack ${randomUUID().slice(0, 6)}` });
    const criterion = await addCriterion(web.app, event, { name: 'Impact', weight: 1, min: 0, max: 10, description: `Helps ${XSS}` });
    const hostile = await teamWithProject(web.app, event, { title: `Alpha ${XSS}` });
    await teamWithProject(web.app, event, { title: 'Beta' });
    const judge = await addJudge(web.app, event);
    await assign(web.app, event, 1).expect(200);
    await putScores(web.app, event, judge, hostile.project.id, { [criterion.id]: 7 }, `Nice ${XSS}`).expect(200);
    const page = await open(event.organiser, { viewport: { width: 360, height: 740 } });
    const pages: Array<[string, string]> = [
      ['hackathon-setup', 'Criteria, tracks and checks'],
      ['hackathon-judges', 'Judges'],
      ['hackathon-assignments', 'Assignments'],
      ['hackathon-progress', 'Judging progress'],
      ['hackathon-results', 'Results'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(`/events/${event.slug}/manage/${path}`);
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      if (path !== 'hackathon-setup' && path !== 'hackathon-judges') await page.getByText(`Alpha ${XSS}`).first().waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await expectAxeClean(page);
    }
    await page.getByRole('button', { name: `Breakdown of Alpha ${XSS}` }).click();
    await page.getByText(`Nice ${XSS}`).waitFor();
    await expectAxeClean(page);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await screenshot(page, 'console-hackathon-360');
  });

  it('should let an organiser move an assignment by hand and see a recusal reassigned in the progress', async () => {
    const event = await runningHackathon(web.app);
    const made = [await teamWithProject(web.app, event, { title: 'Moved one' }), await teamWithProject(web.app, event, { title: 'Other one' })];
    const judges = [await addJudge(web.app, event), await addJudge(web.app, event), await addJudge(web.app, event)];
    await assign(web.app, event, 1).expect(200);
    const before: Array<{ id: string; projectId: string; judgeId: string }> = (await api(event, '/judging/assignments').expect(200)).body;
    const row = before.find((item) => item.projectId === made[0].project.id)!;
    const idle = judges.find((judge) => !before.some((item) => item.judgeId === judge.id))!;
    const page = await open(event.organiser);
    await page.goto(`/events/${event.slug}/manage/hackathon-assignments`);
    const staff: Array<{ userId: string; displayName: string }> = (
      await web.app.http().get(`/api/v1/events/${event.slug}/staff`).set('Authorization', event.organiser.auth).expect(200)
    ).body;
    const idleName = staff.find((member) => member.userId === idle.id)!.displayName;
    await page.getByRole('combobox', { name: 'Move Moved one to' }).selectOption({ label: idleName });
    await page.getByRole('button', { name: 'Move Moved one to' }).click();
    await until(
      async () => (await api(event, '/judging/assignments').expect(200)).body.find((item: { id: string }) => item.id === row.id).judgeId,
      (judgeId) => judgeId === idle.id,
    );
    await page.getByRole('table', { name: 'Current assignments' }).getByRole('cell', { name: idleName }).waitFor();

    // A judge recuses: the API hands the project to another judge and the console shows it.
    const holder = judges.find((judge) => judge.id === idle.id)!;
    await web.app
      .http()
      .post(eventPath(event, `/judging/assignments/${row.id}/recuse`))
      .set('Authorization', holder.auth)
      .send({ reason: 'Former colleague' })
      .expect(200);
    await page.reload();
    await page.getByText('Recused, reassigned').waitFor();
    await page.goto(`/events/${event.slug}/manage/hackathon-progress`);
    const progress = page.getByRole('table', { name: 'By project' });
    await progress
      .getByRole('row', { name: /Moved one/ })
      .getByText('0 of 1')
      .waitFor();
    expect(await progress.getByText('No judge').count()).toBe(0);
  });

  it('should refuse participants, and offer hackathon sections only on hackathon events', async () => {
    const event = await runningHackathon(web.app);
    const { captain } = await teamWithProject(web.app, event);
    const page = await open(captain);
    await page.goto(`/events/${event.slug}/manage/hackathon-progress`);
    await page
      .getByRole('alert')
      .getByText(/Only the organisers of/)
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Judging progress' }).count()).toBe(0);
    await web.app.http().get(eventPath(event, '/judging/progress')).set('Authorization', captain.auth).expect(403);
    await web.app.http().post(eventPath(event, '/judging/assign')).set('Authorization', captain.auth).send({ judgesPerProject: 1, dryRun: true }).expect(403);
    await web.app.http().post(eventPath(event, '/results/unpublish')).set('Authorization', captain.auth).expect(403);

    const ctf = await createEvent(web.app, { kind: 'ctf' });
    const organiser = await open(ctf.organiser);
    await organiser.goto(`/events/${ctf.slug}/manage`);
    const nav = organiser.getByRole('navigation', { name: 'Console sections' });
    await nav.getByRole('link', { name: 'Registrations' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Judges' }).count()).toBe(0);
  });
});
