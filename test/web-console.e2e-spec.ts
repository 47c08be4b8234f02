import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { createEvent, TestEvent } from './factories/event.factory';
import { registerOrganizer, registerUser, TestUser } from './factories/user.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { animationsSettled, browserSuite, screenshot } from './utils/web-session';

// The organisers' console in Debian's Chromium against the real api serving the built app: issue 16's tests 2 (an
// organiser approves from the table, the player sees it) and 6 (the API's errors next to their fields), creating an
// event from the browser, the refusal of a player, axe on the form and the table, and answers that stay inert.
jest.setTimeout(180_000);

const QUESTIONS = [
  { id: 'university', label: 'University or school', type: 'text', required: true, maxLength: 200 },
  { id: 'track', label: 'Track', type: 'choice', required: true, choices: ['student', 'open'] },
];
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';

describe('web organisers console (Chromium)', () => {
  const suite = browserSuite();
  const { open } = suite;

  async function register(event: TestEvent, displayName: string, university: string): Promise<{ user: TestUser; id: string; status: string }> {
    const user = await registerUser(suite.web.app, { displayName });
    const response = await suite.web.app
      .http()
      .post(`/api/v1/events/${event.slug}/registrations`)
      .set('Authorization', user.auth)
      .send({ answers: { university, track: 'open' } })
      .expect(201);
    return { user, id: response.body.id, status: response.body.status };
  }

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

  async function waitForError(page: Page, label: string): Promise<string> {
    for (let tries = 0; tries < 200; tries++) {
      const text = await errorOf(page, label);
      if (text) return text;
      await page.waitForTimeout(100);
    }
    throw new Error(`no error next to ${label}`);
  }

  it('should let an organiser approve a manual registration from the table, and the player then sees it approved (issue test 2), with answers inert', async () => {
    const event = await createEvent(suite.web.app, { title: `Console Cup ${randomUUID().slice(0, 6)}`, registration: { approval: 'manual', questions: QUESTIONS } });
    const ana = await register(event, 'Ana Approve', HOSTILE);
    await register(event, 'Bao Waiting', 'HCMUT');
    expect(ana.status).toBe('pending');

    const organiser = await open({ session: event.organiser });
    await organiser.page.goto(`/events/${event.slug}`);
    await organiser.page.getByRole('link', { name: "Organisers' console" }).click();
    await organiser.page.getByRole('heading', { level: 2, name: 'Registrations' }).waitFor();
    const table = organiser.page.getByRole('table', { name: 'Registrations' });
    await table.getByRole('row', { name: /Bao Waiting/ }).waitFor();

    // The search narrows the table to Ana; her answer with markup is shown as text.
    await organiser.page.getByLabel('Search').fill('ana appr');
    await table.getByRole('row', { name: /Bao Waiting/ }).waitFor({ state: 'detached' });
    const row = table.getByRole('row', { name: /Ana Approve/ });
    expect(await row.getByRole('cell', { name: HOSTILE }).count()).toBe(1);
    expect(await organiser.page.locator('img[src="x"]').count()).toBe(0);
    expect(await organiser.page.title()).not.toBe('pwned');

    await organiser.page.getByRole('checkbox', { name: 'Select Ana Approve' }).check();
    await organiser.page.getByText('Selected: 1').waitFor();
    await organiser.page.getByRole('button', { name: 'Approve' }).click();
    const dialog = organiser.page.getByRole('dialog', { name: 'Approve' });
    await dialog.getByText('Approve 1 selected registrations?').waitFor();
    await dialog.getByRole('button', { name: 'Yes, 1 registrations' }).click();
    await organiser.page.getByText('Done for 1 registrations.').waitFor();
    await row.getByText('Approved').waitFor();
    await screenshot(organiser.page, 'console-registrations');

    const player = await open({ session: ana.user });
    await player.page.goto(`/events/${event.slug}/register`);
    await player.page.getByText('Approved').first().waitFor();
    expect(await player.page.getByText('Pending').count()).toBe(0);
  });

  it('should show the waitlisted registrants the API promoted when the organiser rejects approved ones', async () => {
    const event = await createEvent(suite.web.app, { registration: { capacity: 1, questions: QUESTIONS } });
    const first = await register(event, 'Chai First', 'Chula');
    const second = await register(event, 'Dewi Second', 'UI');
    expect([first.status, second.status]).toEqual(['approved', 'waitlisted']);
    const organiser = await open({ session: event.organiser });
    await organiser.page.goto(`/events/${event.slug}/manage/registrations`);
    await organiser.page.getByLabel('Status').selectOption('approved');
    await organiser.page.getByRole('row', { name: /Dewi Second/ }).waitFor({ state: 'detached' });
    await organiser.page.getByRole('checkbox', { name: 'Select every registration on this page' }).check();
    await organiser.page.getByRole('button', { name: 'Reject' }).click();
    await organiser.page.getByRole('dialog', { name: 'Reject' }).getByRole('button', { name: 'Yes, 1 registrations' }).click();
    await organiser.page.getByText('Moved up from the waitlist: 1').waitFor();
    await organiser.page.getByRole('listitem').filter({ hasText: 'Dewi Second (Approved)' }).waitFor();
  });

  it('should put a duplicate slug and an end before the start next to their fields (issue test 6)', async () => {
    const organiser = await registerOrganizer(suite.web.app);
    const taken = await createEvent(suite.web.app);
    const page = (await open({ session: organiser })).page;
    await page.goto('/events/new');
    await page.getByRole('heading', { level: 1, name: 'New event' }).waitFor();
    await field(page, 'Title').fill('Clash of slugs');
    await field(page, 'Address (slug)').fill(taken.slug);
    await page.getByLabel('Time zone').selectOption('UTC');
    await field(page, 'Starts').fill('2027-03-10T09:00');
    await field(page, 'Ends').fill('2027-03-09T09:00');
    await page.getByRole('button', { name: 'Create event' }).click();
    expect(await waitForError(page, 'Ends')).toBe('endsAt must be after startsAt');
    expect(await errorOf(page, 'Address (slug)')).toBeNull();
    expect(await errorOf(page, 'Starts')).toBeNull();

    await field(page, 'Ends').fill('2027-03-11T09:00');
    await page.getByRole('button', { name: 'Create event' }).click();
    expect(await waitForError(page, 'Address (slug)')).toBe(`slug ${taken.slug} is taken`);
    expect(await errorOf(page, 'Ends')).toBeNull();
    expect(await errorOf(page, 'Title')).toBeNull();
    await screenshot(page, 'console-form-errors');
  });

  it('should create an event from the browser with times read in the chosen zone, and list it on the events page', async () => {
    const organiser = await registerOrganizer(suite.web.app);
    const page = (await open({ session: organiser })).page;
    await page.goto('/events');
    await page.getByRole('link', { name: 'New event' }).click();
    const slug = `web-${randomUUID().slice(0, 8)}`;
    const title = `Jakarta Jeopardy ${slug.slice(4)}`;
    await page.getByLabel('Kind').selectOption('hackathon');
    await field(page, 'Title').fill(title);
    await field(page, 'Address (slug)').fill(slug);
    await page.getByRole('textbox', { name: 'Description and rules' }).fill('# Rules\n\nBe **kind**.');
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Rules' }).waitFor();
    await page.getByRole('tab', { name: 'Write' }).click();
    await page.getByLabel('Time zone').selectOption('Asia/Jakarta');
    await field(page, 'Starts').fill('2027-01-15T09:00');
    await field(page, 'Ends').fill('2027-01-16T17:30');
    await page.getByLabel('Approval').selectOption('manual');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await field(page, 'Question').fill('Your university');
    await page.getByLabel('Answer key').fill('university');
    await page.getByLabel('Divisions').fill('student, open');
    await page.getByLabel('Largest team').fill('5');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.waitForURL(`**/events/${slug}/manage/settings`);
    await page.getByRole('heading', { level: 2, name: 'Event settings' }).waitFor();

    const made = (await suite.web.app.http().get(`/api/v1/events/${slug}`).expect(200)).body;
    expect(made).toMatchObject({
      title,
      kind: 'hackathon',
      description: '# Rules\n\nBe **kind**.',
      // 09:00 and 17:30 in Jakarta (UTC+7).
      startsAt: '2027-01-15T02:00:00.000Z',
      endsAt: '2027-01-16T10:30:00.000Z',
      divisions: ['student', 'open'],
      teams: { minSize: 1, maxSize: 5 },
      registration: { approval: 'manual', questions: [{ id: 'university', label: 'Your university', type: 'text', required: false, maxLength: 500 }] },
    });
    await page.goto('/events');
    await page.getByRole('link', { name: title }).waitFor();
  });

  it('should save an edited title without moving the times, also after switching the time zone, and keep the questions', async () => {
    const event = await createEvent(suite.web.app, {
      title: `Edit Cup ${randomUUID().slice(0, 6)}`,
      divisions: ['open'],
      registration: { approval: 'manual', questions: QUESTIONS },
    });
    const page = (await open({ session: event.organiser })).page;
    await page.goto(`/events/${event.slug}/manage/settings`);
    await page.getByRole('heading', { level: 2, name: 'Event settings' }).waitFor();
    expect(await field(page, 'Title').inputValue()).toBe(event.body.title);
    const startsBefore = await field(page, 'Starts').inputValue();
    await page.getByLabel('Time zone').selectOption('Asia/Seoul');
    // The same instant on Seoul's clocks: nine hours on from UTC.
    expect(await field(page, 'Starts').inputValue()).not.toBe(startsBefore);
    await field(page, 'Title').fill('Edit Cup renamed');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Edit Cup renamed' }).waitFor();
    const after = (await suite.web.app.http().get(`/api/v1/events/${event.slug}`).expect(200)).body;
    expect(after).toMatchObject({
      title: 'Edit Cup renamed',
      kind: event.body.kind,
      startsAt: event.body.startsAt,
      endsAt: event.body.endsAt,
      divisions: ['open'],
      registration: { approval: 'manual', questions: (event.body.registration as { questions: unknown[] }).questions },
    });
  });

  it('should refuse a player the console, while the API refuses them its data too', async () => {
    const event = await createEvent(suite.web.app, { title: `Closed Cup ${randomUUID().slice(0, 6)}` });
    const player = await registerUser(suite.web.app);
    const page = (await open({ session: player })).page;
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('heading', { level: 1, name: event.body.title as string }).waitFor();
    expect(await page.getByRole('link', { name: "Organisers' console" }).count()).toBe(0);
    await page.goto(`/events/${event.slug}/manage/registrations`);
    await page
      .getByRole('alert')
      .filter({ hasText: `Only the organisers of ${event.body.title as string} can open its console.` })
      .waitFor();
    expect(await page.getByRole('navigation', { name: 'Console sections' }).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.goto('/events/new');
    await page.getByText('Only platform administrators and organizers can create events.', { exact: false }).waitFor();
    await suite.web.app.http().get(`/api/v1/events/${event.slug}/registrations`).set('Authorization', player.auth).expect(403);
  });

  it('should pass axe-core without serious or critical violations on the settings form and the registrations table', async () => {
    const event = await createEvent(suite.web.app, {
      title: `Axe Console ${randomUUID().slice(0, 6)}`,
      divisions: ['open'],
      registration: { approval: 'manual', questions: QUESTIONS },
    });
    await register(event, 'Axe One', 'ITB');
    await register(event, 'Axe Two', 'NUS');
    const found: Record<string, string[]> = {};
    // One context, its pages loaded afresh at each width: a second context's cold start cost more than the checks.
    const { page } = await open({ session: event.organiser });
    for (const viewport of [undefined, { width: 360, height: 740 }]) {
      await page.setViewportSize(viewport ?? { width: 1280, height: 720 });
      await page.emulateMedia({ colorScheme: viewport ? 'light' : 'dark' });
      const width = viewport ? viewport.width : 1280;
      await page.goto(`/events/${event.slug}/manage/settings`);
      await page.getByRole('heading', { level: 2, name: 'Event settings' }).waitFor();
      found[`settings @${width}`] = describeViolations(await blockingViolations(page));
      await page.goto(`/events/${event.slug}/manage/registrations`);
      await page.getByRole('row', { name: /Axe Two/ }).waitFor();
      await page.getByRole('checkbox', { name: 'Select Axe One' }).check();
      found[`registrations @${width}`] = describeViolations(await blockingViolations(page));
      if (!viewport) {
        await page.getByRole('button', { name: 'Move to the waitlist' }).click();
        await page.getByRole('dialog', { name: 'Move to the waitlist' }).waitFor();
        await animationsSettled(page);
        found['registrations dialog'] = describeViolations(await blockingViolations(page));
      }
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  });
});
