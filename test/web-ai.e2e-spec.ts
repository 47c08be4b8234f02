import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { createTask, labelledTruth, predictionsCsv, runningAiEvent, submitAndSettle } from './factories/ai.factory';
import { TestEvent } from './factories/event.factory';
import { buildZip, configure, runningHackathon } from './factories/hackathon.factory';
import { teamWithMembers } from './factories/team.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { bundleFixture, DEV_LABELS, labelsCsv, SUBMITTED } from './utils/bundle-fixtures';
import { startTestWorker } from './utils/test-worker';
import { openPlayerPage, PlayerPage, screenshot, startWebHarness, WebHarness } from './utils/web-session';
import { zipOf } from './utils/zip-writer';

// Journey 3 and the hackathon project page in Debian's Chromium against the real api serving the built app: an AI
// prediction file uploads and turns scored live (from the stream, with the list's re-reads cut off), a bad file
// fails with the platform's report, finals are chosen, an oversized file is refused before any byte is sent, and a
// project's archive uploads and shows its checks as a checklist.
jest.setTimeout(180_000);

const MAX_SUBMISSION_BYTES = 2048;
const LABELS = ['pos', 'neg', 'pos', 'neg', 'pos', 'neg'];
const SPLIT = ['public', 'public', 'public', 'private', 'private', 'private'];
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=(window.__xss||0)+1</script>';
const DESCRIPTION = `## Review sentiment\n\nPredict **pos** or **neg** for each review.\n\n${XSS}\n\n[bad link](javascript:window.__xss=1)`;

/** Chooses a file through the labelled file field, as a user does (the field opens the file chooser). */
async function chooseFile(page: Page, label: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: label }).click();
  await (await chooser).setFiles(file);
}

describe('web AI task and hackathon project pages (Chromium)', () => {
  let web: WebHarness;
  let worker: INestApplicationContext | null = null;
  let event: TestEvent;
  let taskId: string;
  const players: PlayerPage[] = [];

  beforeAll(async () => {
    // The exposed file limit is small here, so the size check can be tried without a large file.
    const saved = process.env.MAX_SUBMISSION_BYTES;
    process.env.MAX_SUBMISSION_BYTES = String(MAX_SUBMISSION_BYTES);
    try {
      web = await startWebHarness();
    } finally {
      if (saved === undefined) delete process.env.MAX_SUBMISSION_BYTES;
      else process.env.MAX_SUBMISSION_BYTES = saved;
    }
    event = await runningAiEvent(web.app, { title: `Web AI ${randomUUID().slice(0, 6)}` });
    const task = await createTask(
      web.app,
      event,
      { name: 'Review sentiment', description: DESCRIPTION, metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', maxDailySubmissions: '5' },
      labelledTruth(LABELS, SPLIT),
    );
    taskId = task.id;
  }, 300_000);

  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  afterEach(async () => {
    const closing = players.splice(0);
    await Promise.all(closing.map((player) => player.close()));
    expect(closing.flatMap((player) => player.errors)).toEqual([]);
  });

  const open = async (session: Parameters<typeof openPlayerPage>[1]) => {
    const player = await openPlayerPage(web, session);
    players.push(player);
    return player;
  };

  const startWorker = async () => {
    worker ??= await startTestWorker();
  };

  it('should upload a prediction file and show it turn scored with its score live, from the stream alone', async () => {
    const { captain } = await teamWithMembers(web.app, event, 0);
    const { page } = await open({ session: captain });
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('link', { name: 'AI tasks' }).click();
    await page.getByRole('link', { name: 'Review sentiment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review sentiment' }).waitFor();
    // The description is markdown, its HTML inert.
    await page.getByRole('heading', { level: 2, name: 'Review sentiment' }).waitFor();
    expect(await page.locator('strong', { hasText: 'pos' }).count()).toBe(1);
    expect(await page.getByText('Metric: accuracy').isVisible()).toBe(true);
    expect(await page.getByText('Higher is better').isVisible()).toBe(true);
    expect(await page.getByText('Submissions left today: 5 of 5.').isVisible()).toBe(true);
    await page.getByText('Live', { exact: true }).waitFor();

    await chooseFile(page, 'Prediction file', { name: 'predictions.csv', mimeType: 'text/csv', buffer: Buffer.from(predictionsCsv(['pos', 'neg', 'pos', 'neg', 'pos', 'pos'])) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Uploaded. Your submission is queued for scoring.').waitFor();
    const row = page.getByRole('table', { name: "Your team's submissions" }).getByRole('row').nth(1);
    await row.getByText('Queued').waitFor();
    await page.getByText('Submissions left today: 4 of 5.').waitFor();

    // From here the list is never read again: only the stream's own-submission events can change the row.
    await page.route(`**/api/v1/events/${event.slug}/tasks/${taskId}/submissions*`, (route) => route.abort());
    await startWorker();
    await row.getByText('Scored').waitFor({ timeout: 30_000 });
    // Public split: r1..r3, all right: 1.
    expect(await row.getByText('1', { exact: true }).isVisible()).toBe(true);
    await page.unroute(`**/api/v1/events/${event.slug}/tasks/${taskId}/submissions*`);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await screenshot(page, 'ai-task');
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    // Usable at 360 px: nothing wider than the screen but the table, which scrolls inside its own box.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await page.getByRole('button', { name: 'Upload' }).isVisible()).toBe(true);
    await screenshot(page, 'ai-task-360');
  });

  it("should show a failed file's report, refund it, and let the team choose a final submission", async () => {
    await startWorker();
    const { captain } = await teamWithMembers(web.app, event, 0);
    const { page } = await open({ session: captain });
    await page.goto(`/events/${event.slug}/tasks/${taskId}`);
    await page.getByText('Submissions left today: 5 of 5.').waitFor();

    await chooseFile(page, 'Prediction file', { name: 'short.csv', mimeType: 'text/csv', buffer: Buffer.from('id,label\nr1,pos\nr1,neg\n') });
    await page.getByRole('button', { name: 'Upload' }).click();
    const table = page.getByRole('table', { name: "Your team's submissions" });
    await table.getByText('Failed').waitFor({ timeout: 30_000 });
    // The platform's message names the bad row; a failed upload does not count.
    // (The status comes with the stream's message; the report with the re-read that follows it.)
    await table.getByRole('list', { name: 'Report' }).getByText(/row 2/).waitFor();
    await page.getByText('Submissions left today: 5 of 5.').waitFor();

    await chooseFile(page, 'Prediction file', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(predictionsCsv(LABELS)) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await table.getByText('Scored').waitFor({ timeout: 30_000 });
    const finals = table.getByRole('checkbox', { name: /^Final submission/ });
    expect(await finals.count()).toBe(2);
    // The failed one cannot be final; the scored one can.
    expect(await finals.nth(1).isDisabled()).toBe(true);
    // Saved by the API, not only ticked: it stays after a reload.
    const saved = page.waitForResponse((response) => response.url().endsWith('/final') && response.status() === 200);
    await finals.nth(0).check();
    await saved;
    await page.reload();
    await table.getByText('Scored').waitFor();
    expect(
      await table
        .getByRole('checkbox', { name: /^Final submission/ })
        .nth(0)
        .isChecked(),
    ).toBe(true);
    const api = await web.app.http().get(`/api/v1/events/${event.slug}/tasks/${taskId}/submissions`).set('Authorization', captain.auth).expect(200);
    expect(api.body.map((item: { selectedFinal: boolean }) => item.selectedFinal)).toEqual([true, false]);
  });

  it('should refuse a file over the exposed limit before sending it, naming the limit', async () => {
    const { captain } = await teamWithMembers(web.app, event, 0);
    const { page } = await open({ session: captain });
    let uploads = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/submissions')) uploads += 1;
    });
    await page.goto(`/events/${event.slug}/tasks/${taskId}`);
    await page.getByText('Submissions left today: 5 of 5.').waitFor();
    await chooseFile(page, 'Prediction file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(MAX_SUBMISSION_BYTES + 1, 'a') });
    await page.getByText('This file is too large: the limit is 2 kB.').first().waitFor();
    expect(await page.getByRole('button', { name: 'Upload' }).isDisabled()).toBe(true);
    expect(uploads).toBe(0);
  });

  it('should save a hackathon project, upload its archive with progress and show the checks as a checklist', async () => {
    const hackathon = await runningHackathon(web.app, { title: `Web Hack ${randomUUID().slice(0, 6)}` });
    await configure(web.app, hackathon, { tracks: ['health', 'climate'], checks: { requiredFiles: ['README*', 'LICENSE'] } });
    const { captain } = await teamWithMembers(web.app, hackathon, 0);
    const { page } = await open({ session: captain });
    await page.goto(`/events/${hackathon.slug}`);
    await page.getByRole('link', { name: 'Your project' }).click();
    await page.getByRole('heading', { level: 2, name: 'Submit your project' }).waitFor();

    await page.getByLabel('Title').fill('Mekong flood alerts');
    await page.getByLabel('Summary').fill('SMS alerts before the river rises.');
    await page.getByLabel('Repository link').fill('not a url');
    await page.getByLabel('Track').selectOption('climate');
    await page.getByRole('button', { name: 'Create project' }).click();
    // The API's 400 goes next to its field.
    await page.getByText('repoUrl must be an http(s) URL').waitFor();
    await page.getByLabel('Repository link').fill('https://github.com/arena/mekong');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { level: 2, name: 'Project details' }).waitFor();

    const zip = buildZip([{ name: 'mekong-main/' }, { name: 'mekong-main/README.md', data: '# Mekong' }, { name: 'mekong-main/app.py', data: 'print(1)\n' }]);
    await chooseFile(page, 'Archive (.zip)', { name: 'mekong.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByRole('button', { name: 'Upload archive' }).click();
    await page.getByText('Archive uploaded. The checks are below.').waitFor();
    const checklist = page.getByRole('list', { name: 'Automated checks' });
    await checklist.getByRole('listitem').filter({ hasText: 'Required file README*' }).getByText('passed').waitFor();
    expect(await checklist.getByRole('listitem').filter({ hasText: 'Required file LICENSE' }).getByText('failed').isVisible()).toBe(true);
    expect(await page.getByText(/Current archive: mekong\.zip/).isVisible()).toBe(true);
    await screenshot(page, 'hackathon-project');
    expect(describeViolations(await blockingViolations(page))).toEqual([]);

    const stored = await web.app.http().get(`/api/v1/events/${hackathon.slug}/projects/me`).set('Authorization', captain.auth).expect(200);
    expect(stored.body).toMatchObject({ title: 'Mekong flood alerts', track: 'climate', archive: { name: 'mekong.zip', size: zip.length } });
  });

  // Last: it starts the worker, which the upload journey must start itself (its submission waits queued first).
  it("should show a custom scorer's other keys as board columns beside the ranking score", async () => {
    await startWorker();
    const scored = await runningAiEvent(web.app, { title: `Columns ${randomUUID().slice(0, 6)}` });
    const program = { 'evaluate.py': bundleFixture('codalab_evaluate.py'), metadata: 'command: python $program/evaluate.py $input $output\n' };
    const task = await createTask(
      web.app,
      scored,
      // The split the usage column gives (without splitColumn a random split of six rows was now and then all private).
      { name: 'codalab', metric: 'custom', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', scorerLayout: 'codalab', scoreKey: 'accuracy', higherIsBetter: 'true' },
      labelledTruth(['cat', 'dog', 'cat', 'dog', 'bird', 'cat'], ['public', 'public', 'public', 'public', 'public', 'private']),
      {
        scorer: { content: zipOf(program), filename: 'scoring_program.zip' },
        referenceData: { content: zipOf({ 'solution.csv': labelsCsv(DEV_LABELS) }), filename: 'reference_data.zip' },
      },
    );
    const { captain, team } = await teamWithMembers(web.app, scored, 0);
    const done = await submitAndSettle(web.app, scored, captain, task.id, labelsCsv(SUBMITTED), 'answers.csv', {}, 90_000);
    expect(done.status).toBe('scored');
    const { page } = await open({ session: captain });
    await page.goto(`/events/${scored.slug}/board`);
    const table = page.getByRole('table', { name: 'Leaderboard' });
    await table.getByRole('columnheader', { name: 'f1_macro' }).waitFor();
    // Rank, team, the ranking score (accuracy), then the scorer's other key.
    const cells = table.getByRole('row').filter({ hasText: team.name }).getByRole('cell');
    const format = (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(value);
    expect(await cells.nth(2).textContent()).toBe(format(done.publicScore));
    expect(await cells.nth(3).textContent()).toBe(format(done.publicScores.f1_macro));
  });
});
