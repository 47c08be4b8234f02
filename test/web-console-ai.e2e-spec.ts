import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createTask, labelledTruth, postSubmission, predictionsCsv, runningAiEvent, settled } from './factories/ai.factory';
import { createEvent, TestEvent } from './factories/event.factory';
import { createTeam, registeredUser } from './factories/team.factory';
import { TestUser } from './factories/user.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { browserSuite, screenshot } from './utils/web-session';
import { zipOf } from './utils/zip-writer';

// The organisers' console for AI events in Debian's Chromium against the real api and worker: a task made from the
// browser with its ground truth, a player's submission scored in the organisers' table and on the private board, the
// re-score of a system failure, the API's 400s next to their fields and a bundle's problems listed, a player refused,
// axe on every new page, 360 px, and organiser-written markdown and team names that stay inert.
jest.setTimeout(240_000);

const LABELS = ['pos', 'neg', 'pos', 'neg', 'pos', 'neg'];
const SPLIT = ['public', 'public', 'public', 'private', 'private', 'private'];
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=(window.__xss||0)+1</script>';
const DESCRIPTION = `## Review sentiment\n\nPredict **pos** or **neg**.\n\n${XSS}\n\n[bad link](javascript:window.__xss=1)`;
const HOSTILE_TEAM = `<img src=x onerror="window.__xss=1">Team ${randomUUID().slice(0, 4)}`;

describe('web organisers console, AI tasks (Chromium)', () => {
  const suite = browserSuite({ withWorker: true });
  const { open } = suite;

  /** Chooses a file through the labelled file field, as a user does (the field opens the file chooser). */
  async function chooseFile(page: Page, label: RegExp, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: label }).click();
    await (await chooser).setFiles(file);
  }

  async function expectAccessible(page: Page): Promise<void> {
    // The pointer rests where the last click left it: off the page, so a hover colour is not what gets checked.
    await page.mouse.move(0, 0);
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
  }

  async function playerWithTeam(event: TestEvent, name: string): Promise<{ captain: TestUser; teamId: string }> {
    const captain = await registeredUser(suite.web.app, event);
    const team = await createTeam(suite.web.app, event, captain, { name });
    return { captain, teamId: team.id };
  }

  it('should let an organiser create a task with ground truth from the browser and see a submission scored in the table and on the private board', async () => {
    const event = await runningAiEvent(suite.web.app, { title: `Console AI ${randomUUID().slice(0, 6)}` });
    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage`);
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'AI tasks' }).click();
    await page.getByRole('heading', { level: 2, name: 'AI tasks' }).waitFor();
    await page.getByText('No tasks yet').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'New task' }).click();
    await page.getByRole('heading', { level: 2, name: 'New AI task' }).waitFor();
    await page.getByLabel(/^Name/).fill('Review sentiment');
    await page.getByLabel('Description').fill(DESCRIPTION);
    // The preview renders the markdown, its HTML inert.
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByRole('heading', { level: 2, name: 'Review sentiment' }).waitFor();
    await page.getByRole('tab', { name: 'Write' }).click();
    await page.getByLabel(/^Target column/).fill('label');
    expect(await page.getByLabel('Split column').inputValue()).toBe('usage');
    await page.getByLabel('Submissions per team per day').fill('3');
    await chooseFile(page, /^Ground truth \(CSV\)/, { name: 'truth.csv', mimeType: 'text/csv', buffer: Buffer.from(labelledTruth(LABELS, SPLIT)) });
    await expectAccessible(page);
    await screenshot(page, 'console-ai-new-task');
    await page.getByRole('button', { name: 'Create the task' }).click();

    await page.getByRole('heading', { level: 2, name: 'Review sentiment' }).waitFor();
    const tasks = await suite.web.app.http().get(`/api/v1/events/${event.slug}/tasks`).expect(200);
    expect(tasks.body).toEqual([expect.objectContaining({ name: 'Review sentiment', metric: 'accuracy', rows: 6, maxDailySubmissions: 3, description: DESCRIPTION })]);
    const taskId = tasks.body[0].id as string;
    expect(page.url()).toContain(`/manage/tasks/${taskId}`);
    await page.getByText('No submissions yet.').waitFor();

    // A player submits through the API; the table shows it scored with its team and both scores.
    const { captain } = await playerWithTeam(event, HOSTILE_TEAM);
    const accepted = await postSubmission(suite.web.app, event, captain, taskId, predictionsCsv(['pos', 'neg', 'pos', 'neg', 'pos', 'pos'])).expect(202);
    expect(await settled(suite.web.app, captain, accepted.body.id)).toMatchObject({ status: 'scored', publicScore: 1 });
    const table = page.getByRole('table', { name: 'Submissions' });
    const row = table.getByRole('row', { name: new RegExp(HOSTILE_TEAM.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await row.getByText('Scored').waitFor({ timeout: 30_000 });
    // Public split r1..r3 all right: 1; private r4..r6 two of three: 0.666667.
    expect(await row.getByRole('cell', { name: '1', exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell', { name: '0.666667', exact: true }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'console-ai-submissions');

    await page.getByRole('tab', { name: 'Private board' }).click();
    const board = page.getByRole('table', { name: 'Private board' });
    await board.getByRole('row', { name: /0\.666667/ }).waitFor({ timeout: 30_000 });
    expect(await board.getByRole('cell', { name: HOSTILE_TEAM }).count()).toBe(1);
    await expectAccessible(page);
    // The public board does not show private scores while the event runs.
    const publicBoard = await suite.web.app.http().get(`/api/v1/events/${event.slug}/leaderboard?task=${taskId}&board=private`).set('Authorization', captain.auth);
    expect(publicBoard.status).toBe(403);

    await page.getByRole('tab', { name: 'Description' }).click();
    await page.locator('strong', { hasText: 'pos' }).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();

    // Usable at 360 px: nothing wider than the screen but the tables, which scroll inside their own boxes.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('tab', { name: 'Submissions' }).click();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(page, 'console-ai-task-360');
  });

  it('should re-score a submission that failed for a system reason, and offer no re-score for a content failure', async () => {
    const event = await runningAiEvent(suite.web.app);
    const task = await createTask(
      suite.web.app,
      event,
      { name: 'Rescore me', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' },
      labelledTruth(LABELS, SPLIT),
    );
    const { captain } = await playerWithTeam(event, `System ${randomUUID().slice(0, 4)}`);
    const bad = await postSubmission(suite.web.app, event, captain, task.id, 'id,label\nr1,pos\n').expect(202);
    expect(await settled(suite.web.app, captain, bad.body.id)).toMatchObject({ status: 'failed', failureReason: 'invalid-file' });
    const good = await postSubmission(suite.web.app, event, captain, task.id, predictionsCsv(LABELS)).expect(202);
    await settled(suite.web.app, captain, good.body.id);
    // What the worker writes when a check cannot run (no sandbox, retries spent): set directly, the cause is not under test.
    await suite.web.app.app.get(DataSource).query(
      `UPDATE submissions SET status = 'failed', failure_reason = 'system-error', public_score = NULL, private_score = NULL,
                report = '{"messages": ["the check could not run: the worker checking it stopped repeatedly"]}' WHERE id = $1`,
      [good.body.id],
    );

    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/tasks/${task.id}`);
    const table = page.getByRole('table', { name: 'Submissions' });
    await table.getByText('the worker checking it stopped repeatedly').waitFor();
    // One button: the content failure is the team's to fix.
    const rescore = table.getByRole('button', { name: /^Re-score the submission of System/ });
    expect(await rescore.count()).toBe(1);
    expect(await table.getByText('Reason: invalid-file').count()).toBe(1);
    await rescore.click();
    await page.getByText('Queued again for scoring.').waitFor();
    await table.getByText('Scored').waitFor({ timeout: 30_000 });
    expect(await table.getByRole('button', { name: /^Re-score/ }).count()).toBe(0);
    expect((await suite.web.app.http().get(`/api/v1/submissions/${good.body.id}`).set('Authorization', captain.auth)).body).toMatchObject({ status: 'scored', publicScore: 1 });
  });

  it("should put the API's refusals next to their fields and list a bundle's problems", async () => {
    const event = await runningAiEvent(suite.web.app);
    const { page } = await open({ session: event.organiser });
    await page.goto(`/events/${event.slug}/manage/tasks/new`);
    await page.getByLabel(/^Name/).fill('No truth');
    await page.getByLabel(/^Target column/).fill('label');
    await page.getByRole('button', { name: 'Create the task' }).click();
    await page.getByText('groundTruth: a CSV file is required').waitFor();
    const fileButton = page.getByRole('button', { name: /^Ground truth \(CSV\)/ });
    expect(await fileButton.getAttribute('aria-invalid')).toBe('true');

    await chooseFile(page, /^Ground truth \(CSV\)/, { name: 'truth.csv', mimeType: 'text/csv', buffer: Buffer.from(labelledTruth(LABELS, SPLIT)) });
    await page.getByLabel('Opens').fill('2030-01-02T10:00');
    await page.getByLabel('Closes').fill('2030-01-01T10:00');
    await page.getByRole('button', { name: 'Create the task' }).click();
    await page.getByText('closesAt must be after opensAt').waitFor();
    expect(await page.getByLabel('Closes').getAttribute('aria-invalid')).toBe('true');

    await page.goto(`/events/${event.slug}/manage/tasks`);
    await chooseFile(page, /^Bundle \(\.zip\)/, { name: 'bundle.zip', mimeType: 'application/zip', buffer: zipOf({ 'README.txt': 'not a bundle' }) });
    await page.getByRole('button', { name: 'Import' }).click();
    const problems = page.getByRole('list', { name: 'Problems' });
    await problems.getByText(/no competition\.yaml/).waitFor();
    await expectAccessible(page);
  });

  it("should refuse a player the console's AI pages, and show no AI tasks section for other kinds", async () => {
    const event = await runningAiEvent(suite.web.app);
    const player = await registeredUser(suite.web.app, event);
    const { page } = await open({ session: player });
    await page.goto(`/events/${event.slug}/manage/tasks`);
    await page
      .getByRole('alert')
      .getByText(`Only the organisers of ${String(event.body.title)} can open its console.`)
      .waitFor();
    expect(await page.getByRole('heading', { name: 'AI tasks' }).count()).toBe(0);

    const ctf = await createEvent(suite.web.app, { kind: 'ctf' });
    const organiser = await open({ session: ctf.organiser });
    await organiser.page.goto(`/events/${ctf.slug}/manage/registrations`);
    const nav = organiser.page.getByRole('navigation', { name: 'Console sections' });
    await nav.getByRole('link', { name: 'Registrations' }).waitFor();
    expect(await nav.getByRole('link', { name: 'AI tasks' }).count()).toBe(0);
  });
});
