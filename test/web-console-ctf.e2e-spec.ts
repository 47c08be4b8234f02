import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Page } from 'playwright-core';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { buildZip, folderEntries, SHARED_CHALLENGES } from './fixtures/ctf/zip-writer';
import { blockingViolations, describeViolations } from './utils/axe';
import { browserSuite, screenshot } from './utils/web-session';

// The console's Jeopardy CTF section in Debian's Chromium against the real api serving the built app: issue 16's
// test 1 (an organiser makes a dynamic challenge with a regex flag and a paid hint, tests a submission, imports a
// ctfcli zip; a player then sees them and solves one), the API's errors next to their fields, a refused import, the
// refusal of a player, axe and 360 px on the new pages, and organiser text that stays inert.
jest.setTimeout(240_000);

const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('web organisers console: CTF challenges (Chromium)', () => {
  const suite = browserSuite();
  const { open } = suite;

  const managePath = (event: TestEvent, suffix = '') => `/events/${event.slug}/manage/challenges${suffix}`;

  /** The input labelled exactly so (a required one's label ends with Mantine's asterisk). */
  const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

  /** The error Mantine shows under the input with this label (its `<id>-error` element), or null. */
  async function errorOf(page: Page, label: string): Promise<string | null> {
    const input = field(page, label);
    const id = await input.getAttribute('id');
    const error = page.locator(`[id="${id}-error"]`);
    if ((await error.count()) === 0) return null;
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    return error.textContent();
  }

  async function waitForError(page: Page, label: string, expected: string | RegExp): Promise<string> {
    let text: string | null = null;
    for (let tries = 0; tries < 200; tries++) {
      text = await errorOf(page, label);
      if (text && (typeof expected === 'string' ? text === expected : expected.test(text))) return text;
      await page.waitForTimeout(100);
    }
    throw new Error(`no error ${String(expected)} next to ${label} (last: ${text})`);
  }

  const organiserDetail = async (event: TestEvent, id: string) =>
    (
      await suite.web.app
        .http()
        .get(challengesPath(event, `/${id}`))
        .set('Authorization', event.organiser.auth)
        .expect(200)
    ).body;

  it('should let an organiser make a dynamic challenge with a regex flag and a paid hint, test a submission, import a ctfcli zip, and a player then solves one (issue test 1)', async () => {
    const event = await runningCtf(suite.web.app, { title: `Rumble CTF ${randomUUID().slice(0, 6)}` });
    const page = (await open({ session: event.organiser })).page;
    await page.goto(`/events/${event.slug}/manage`);
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Challenges' }).click();
    await page.getByRole('heading', { level: 2, name: 'Challenges' }).waitFor();
    await page.getByText('No challenges yet', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'New challenge' }).click();
    await page.getByRole('heading', { level: 2, name: 'New challenge' }).waitFor();

    await field(page, 'Name').fill('Regex Rumble');
    await field(page, 'Category').fill('web');
    await page.getByRole('textbox', { name: 'Description' }).fill('# Rumble\n\nFind **the number**.');
    // The preview follows the typing, rendered by the app's markdown renderer.
    await page.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Rumble' }).waitFor();

    await page.getByLabel('Scoring').selectOption('logarithmic');
    await field(page, 'Initial value').fill('500');
    await field(page, 'Minimum value').fill('100');
    await field(page, 'Decay').fill('30');
    // scoring.md's worked numbers for 500/100/30, in the table beside the curve.
    const curve = page.getByRole('table', { name: 'Value by number of solves' });
    await curve.getByRole('cell', { name: '464' }).waitFor();
    expect(await curve.getByRole('rowheader').allTextContents()).toEqual(['1', '2', '5', '10', '20']);
    expect(await curve.getByRole('cell').allTextContents()).toEqual(['500', '500', '493', '464', '340']);
    await page.getByText('The minimum (100) is reached at solve 31.', { exact: false }).waitFor();
    await page.getByRole('img', { name: "Chart of the challenge's value against its number of solves" }).locator('canvas').waitFor();

    await page.getByLabel('Kind of flag 1').selectOption('regex');
    await field(page, 'Flag 1').fill('ACS\\{rumble_[0-9]+\\}');
    await page.getByLabel('Flag 1 ignores case').check();
    await page.getByRole('button', { name: 'Add a static flag' }).click();
    await field(page, 'Flag 2').fill('ACS{backup_flag}');

    // The test box asks the server, which trims and matches as an attempt would.
    await page.getByLabel('Submission to test').fill('  acs{RUMBLE_42} ');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Matches flag 1 (Regular expression).' }).waitFor();
    await page.getByLabel('Submission to test').fill('ACS{rumble_x}');
    await page.getByLabel('Submission to test').press('Enter');
    await page.getByRole('status').filter({ hasText: 'No flag matches “ACS{rumble_x}”.' }).waitFor();
    expect(page.url()).toContain('/challenges/new');

    await page.getByRole('button', { name: 'Add a hint' }).click();
    await field(page, 'Hint 1').fill('Only **digits** follow the underscore.');
    await field(page, 'Cost of hint 1').fill('50');
    await page.getByRole('button', { name: 'Create challenge' }).click();
    await page.getByText('Challenge created. You can attach its files below.').waitFor();
    const id = UUID.exec(page.url())?.[0] as string;
    expect(page.url()).toContain(managePath(event, `/${id}`));
    await page.getByRole('heading', { level: 2, name: 'Edit challenge: Regex Rumble' }).waitFor();

    // A file, attached on the challenge's own page.
    await page.locator('input[type=file]').setInputFiles({ name: 'rumble.txt', mimeType: 'text/plain', buffer: Buffer.from('digits only\n') });
    await page.getByRole('button', { name: 'Upload files' }).click();
    await page.getByText('Files uploaded: 1').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'rumble.txt' }).waitFor();

    expect(await organiserDetail(event, id)).toMatchObject({
      name: 'Regex Rumble',
      category: 'web',
      description: '# Rumble\n\nFind **the number**.',
      type: 'dynamic',
      function: 'logarithmic',
      initial: 500,
      minimum: 100,
      decay: 30,
      state: 'visible',
      flags: [
        { type: 'regex', content: 'ACS\\{rumble_[0-9]+\\}', caseInsensitive: true },
        { type: 'static', content: 'ACS{backup_flag}', caseInsensitive: false },
      ],
      hints: [{ cost: 50, content: 'Only **digits** follow the underscore.' }],
      files: [{ name: 'rumble.txt', size: 12 }],
    });

    // ctfcli import of the shared fixtures: Warmup Web, then Single Byte which requires it.
    await page.getByRole('link', { name: 'Back to the challenges' }).click();
    await page.getByRole('table', { name: 'Challenges', exact: true }).getByRole('link', { name: 'Regex Rumble' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'shared.zip', mimeType: 'application/zip', buffer: buildZip(folderEntries(SHARED_CHALLENGES)) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import done: 2 created, 0 updated.').waitFor();
    const report = page.getByRole('table', { name: 'Imported challenges' });
    expect(await report.getByRole('row').allTextContents()).toEqual(['ChallengeResult', 'Warmup WebCreated', 'Single ByteCreated']);
    const list = page.getByRole('table', { name: 'Challenges', exact: true });
    await list.getByRole('link', { name: 'Single Byte' }).waitFor();
    expect(
      await list
        .getByRole('row', { name: /Warmup Web/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['Warmup Web', 'web', '500', '0', 'Visible']);
    await screenshot(page, 'console-ctf-challenges');

    // The same zip again updates by name.
    await page.locator('input[type=file]').setInputFiles({ name: 'shared.zip', mimeType: 'application/zip', buffer: buildZip(folderEntries(SHARED_CHALLENGES)) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import done: 0 created, 2 updated.').waitFor();

    // A player sees the new challenge and the open imported one (Single Byte waits for Warmup Web), and solves one.
    const { captain } = await ctfTeam(suite.web.app, event);
    const board = (await suite.web.app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(200)).body as Array<Record<string, unknown>>;
    expect(board.map((challenge) => challenge.name).sort()).toEqual(['Regex Rumble', 'Warmup Web']);
    expect(board.find((challenge) => challenge.name === 'Regex Rumble')).toMatchObject({ value: 500, hints: [{ cost: 50, unlocked: false }], files: [{ name: 'rumble.txt' }] });
    expect((await attempt(suite.web.app, event, captain, id, 'ACS{rumble_x}').expect(200)).body.status).toBe('incorrect');
    expect((await attempt(suite.web.app, event, captain, id, ' acs{RUMBLE_42}').expect(200)).body).toEqual({ status: 'correct', value: 500 });

    // The organiser's list shows the solve (the board's solve counts may be a moment old: read again until it does).
    const solvesCell = list
      .getByRole('row', { name: /Regex Rumble/ })
      .getByRole('cell')
      .nth(3);
    for (let tries = 0; tries < 50 && (await solvesCell.textContent()) !== '1'; tries++) {
      await page.waitForTimeout(200);
      await page.reload();
      await solvesCell.waitFor();
    }
    expect(await solvesCell.textContent()).toBe('1');
  });

  it('should put the API’s errors next to their fields: a minimum above the initial value, a regex RE2 refuses, a taken name', async () => {
    const event = await runningCtf(suite.web.app);
    await createChallenge(suite.web.app, event, { name: 'Taken' });
    const page = (await open({ session: event.organiser })).page;
    await page.goto(managePath(event, '/new'));
    await page.getByRole('heading', { level: 2, name: 'New challenge' }).waitFor();
    await field(page, 'Name').fill('Taken');
    await field(page, 'Category').fill('crypto');
    await page.getByLabel('Scoring').selectOption('linear');
    await field(page, 'Initial value').fill('100');
    await field(page, 'Minimum value').fill('200');
    await page.getByLabel('Kind of flag 1').selectOption('regex');
    await field(page, 'Flag 1').fill('(?=ACS)ACS\\{x\\}');
    await page.getByRole('button', { name: 'Create challenge' }).click();
    expect(await waitForError(page, 'Minimum value', 'minimum must not exceed initial')).toBeTruthy();
    await page.getByRole('alert').filter({ hasText: 'Some fields need a change' }).waitFor();
    expect(await errorOf(page, 'Name')).toBeNull();

    // The test box refuses the lookahead the same way, under the flag.
    await page.getByLabel('Submission to test').fill('ACS{x}');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await waitForError(page, 'Flag 1', /^flags\.0\.content is not a valid regular expression \(flags are matched with RE2/);

    await field(page, 'Minimum value').fill('50');
    await page.getByRole('button', { name: 'Create challenge' }).click();
    await waitForError(page, 'Flag 1', /^flags\.0\.content is not a valid regular expression/);
    expect(await errorOf(page, 'Minimum value')).toBeNull();

    await field(page, 'Flag 1').fill('ACS\\{x\\}');
    await page.getByRole('button', { name: 'Create challenge' }).click();
    await waitForError(page, 'Name', 'a challenge named Taken exists in this event');
    expect(await errorOf(page, 'Flag 1')).toBeNull();
    await screenshot(page, 'console-ctf-errors');

    await field(page, 'Name').fill('Not Taken');
    await page.getByRole('button', { name: 'Create challenge' }).click();
    await page.getByText('Challenge created.', { exact: false }).waitFor();

    // Edit: a prerequisite and hidden; the list marks it hidden.
    await page.getByRole('checkbox', { name: 'Taken' }).check();
    await page.getByLabel('Visibility').selectOption('hidden');
    await page.getByRole('button', { name: 'Save challenge' }).click();
    await page.getByText('Challenge saved.').waitFor();
    const id = UUID.exec(page.url())?.[0] as string;
    expect(await organiserDetail(event, id)).toMatchObject({ requirements: ['Taken'], state: 'hidden', function: 'linear', initial: 100, minimum: 50 });
    await page.getByRole('link', { name: 'Back to the challenges' }).click();
    await page
      .getByRole('row', { name: /Not Taken/ })
      .getByText('Hidden')
      .waitFor();
  });

  it('should show each refused challenge file with its reason when an import is refused, and the notes of a single challenge.yml', async () => {
    const event = await runningCtf(suite.web.app);
    const page = (await open({ session: event.organiser })).page;
    await page.goto(managePath(event));
    await page.getByRole('heading', { level: 2, name: 'Challenges' }).waitFor();
    const zip = buildZip([
      ...folderEntries(SHARED_CHALLENGES),
      { name: 'zz-broken/challenge.yml', data: 'name: Broken\ncategory: misc\nvalue: 100\nflags:\n  - ACS{broken}\nattempts: lots\n' },
    ]);
    await page.locator('input[type=file]').setInputFiles({ name: 'mixed.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Import refused: nothing was imported' }).waitFor();
    const refused = page.getByRole('table', { name: 'Refused challenges' });
    const row = refused.getByRole('row', { name: /zz-broken\/challenge\.yml/ });
    expect(await row.getByRole('cell').first().textContent()).toBe('zz-broken/challenge.yml');
    expect(await row.getByRole('cell').nth(1).textContent()).toMatch(/attempts/);
    expect(await page.getByRole('table', { name: 'Challenges', exact: true }).count()).toBe(0);
    await suite.web.app.http().get(challengesPath(event)).set('Authorization', event.organiser.auth).expect(200, []);

    const yaml = readFileSync(join(SHARED_CHALLENGES, 'warmup-web', 'challenge.yml'));
    await page.locator('input[type=file]').setInputFiles({ name: 'challenge.yml', mimeType: 'application/yaml', buffer: yaml });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import done: 1 created, 0 updated.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'challenge.yml: files not attached (dist/index.html)' }).waitFor();
    await page.getByRole('table', { name: 'Challenges', exact: true }).getByRole('link', { name: 'Warmup Web' }).waitFor();
  });

  it('should keep a challenge’s name, category and description inert in the list, the editor and its preview', async () => {
    const event = await runningCtf(suite.web.app);
    const script = "<script>document.title='pwned'</script>";
    const { id } = await createChallenge(suite.web.app, event, {
      name: HOSTILE,
      category: `<b>${HOSTILE}</b>`,
      description: `# Title\n\n${HOSTILE}\n\n${script}\n\n[link](javascript:alert(1))`,
    });
    const page = (await open({ session: event.organiser })).page;
    await page.goto(managePath(event));
    const link = page.getByRole('table', { name: 'Challenges', exact: true }).getByRole('link', { name: HOSTILE });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { level: 2, name: `Edit challenge: ${HOSTILE}` }).waitFor();
    expect(await field(page, 'Name').inputValue()).toBe(HOSTILE);
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByRole('heading', { name: 'Title' }).waitFor();
    await preview.getByText(HOSTILE).waitFor();
    expect(await preview.getByRole('link', { name: 'link' }).getAttribute('href')).not.toMatch(/^javascript:/);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('main script, form script').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(page.url()).toContain(id);
  });

  it('should refuse a player the challenges section, while the API refuses them the flag test and hidden challenges', async () => {
    const event = await runningCtf(suite.web.app, { title: `Closed CTF ${randomUUID().slice(0, 6)}` });
    const hidden = await createChallenge(suite.web.app, event, { state: 'hidden' });
    const { captain } = await ctfTeam(suite.web.app, event);
    const page = (await open({ session: captain })).page;
    await page.goto(managePath(event));
    await page
      .getByRole('alert')
      .filter({ hasText: `Only the organisers of ${event.body.title as string} can open its console.` })
      .waitFor();
    expect(await page.getByRole('navigation', { name: 'Console sections' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Import' }).count()).toBe(0);
    await page.goto(managePath(event, `/${hidden.id}`));
    await page.getByText(`Only the organisers of ${event.body.title as string} can open its console.`).waitFor();
    expect(await page.getByLabel('Submission to test').count()).toBe(0);
    await suite.web.app
      .http()
      .post(challengesPath(event, '/flag-test'))
      .set('Authorization', captain.auth)
      .send({ submission: hidden.flag, flags: [{ type: 'static', content: hidden.flag }] })
      .expect(403);
    await suite.web.app
      .http()
      .get(challengesPath(event, `/${hidden.id}`))
      .set('Authorization', captain.auth)
      .expect(404);
  });

  it('should pass axe-core without serious or critical violations on the list, the import report and the editor, and fit 360 px', async () => {
    const event = await runningCtf(suite.web.app, { title: `Axe CTF ${randomUUID().slice(0, 6)}` });
    const made = await createChallenge(suite.web.app, event, {
      name: 'Axe Curve',
      type: 'dynamic',
      function: 'logarithmic',
      initial: 500,
      minimum: 100,
      decay: 30,
      hints: [{ content: 'a paid hint', cost: 25 }],
      flags: [{ type: 'regex', content: 'ACS\\{axe\\}', caseInsensitive: true }],
    });
    const found: Record<string, string[]> = {};
    for (const viewport of [undefined, { width: 360, height: 740 }]) {
      const { page } = await open({ session: event.organiser, viewport, colorScheme: viewport ? 'light' : 'dark' });
      const width = viewport ? viewport.width : 1280;
      await page.goto(managePath(event));
      await page.getByRole('table', { name: 'Challenges', exact: true }).getByRole('link', { name: 'Axe Curve' }).waitFor();
      await page.locator('input[type=file]').setInputFiles({ name: 'shared.zip', mimeType: 'application/zip', buffer: buildZip(folderEntries(SHARED_CHALLENGES)) });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('table', { name: 'Imported challenges' }).waitFor();
      found[`list and import @${width}`] = describeViolations(await blockingViolations(page));
      if (viewport) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

      await page.goto(managePath(event, `/${made.id}`));
      await page.getByRole('table', { name: 'Value by number of solves' }).getByRole('cell', { name: '464' }).waitFor();
      await page.getByRole('img', { name: "Chart of the challenge's value against its number of solves" }).locator('canvas').waitFor();
      await page.getByLabel('Submission to test').fill('acs{AXE}');
      await page.getByRole('button', { name: 'Test', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Matches flag 1' }).waitFor();
      found[`editor @${width}`] = describeViolations(await blockingViolations(page));
      if (viewport) {
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
        await screenshot(page, 'console-ctf-editor-360');
      }
      await page.goto(managePath(event, '/new'));
      await page.getByRole('heading', { level: 2, name: 'New challenge' }).waitFor();
      found[`new @${width}`] = describeViolations(await blockingViolations(page));
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  });
});
