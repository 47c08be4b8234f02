import { randomUUID } from 'crypto';
import { createEvent, hoursFromNow } from './factories/event.factory';
import { loginAdmin, registerOrganizer, registerUser, TestUser } from './factories/user.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { openPlayerPage, PlayerPage, PlayerPageOptions, screenshot, startWebHarness, WebHarness } from './utils/web-session';

// The platform admin pages in Debian's Chromium against the real api: an admin finds a user, changes the role,
// disables the account (which then cannot sign in) and enables it again, sees unlisted events with their consoles;
// a display name with markup stays text; anyone else is refused; axe and 360 px on both pages.
jest.setTimeout(180_000);

describe('web platform admin (Chromium)', () => {
  let web: WebHarness;
  let admin: TestUser;
  const pages: PlayerPage[] = [];

  const open = async (options: PlayerPageOptions = {}) => {
    const player = await openPlayerPage(web, options);
    pages.push(player);
    return player;
  };

  beforeAll(async () => {
    web = await startWebHarness();
    admin = await loginAdmin(web.app);
  }, 300_000);

  afterAll(async () => {
    await web?.close();
  });

  afterEach(async () => {
    const closing = pages.splice(0);
    await Promise.all(closing.map((page) => page.close()));
    expect(closing.flatMap((page) => page.errors)).toEqual([]);
  });

  const login = (user: TestUser) => web.app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });

  it('should let an admin find a user, change the role, disable and enable the account, with the name inert', async () => {
    const tag = randomUUID().slice(0, 8);
    const name = `<img src=x onerror="window.__xss=1">Mai ${tag}`;
    const user = await registerUser(web.app, { displayName: name });
    const { page } = await open({ session: admin });
    await page.goto('/events');
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 2, name: 'Users' }).waitFor();

    await page.getByLabel('Search').fill(tag);
    const table = page.getByRole('table', { name: 'Users' });
    await table.getByRole('row').nth(2).waitFor({ state: 'detached' });
    const row = table.getByRole('row', { name: new RegExp(`Mai ${tag}`) });
    expect(await row.getByRole('cell', { name, exact: true }).count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    const roleChanged = page.waitForResponse((response) => response.url().endsWith(`/users/${user.id}`) && response.status() === 200);
    await page.getByLabel(`Role of ${name}`).selectOption('organizer');
    await roleChanged;
    const found = await web.app.http().get(`/api/v1/users?q=${tag}`).set('Authorization', admin.auth).expect(200);
    expect(found.body[0]).toMatchObject({ id: user.id, role: 'organizer', disabled: false });

    await page.getByRole('button', { name: `Disable ${name}` }).click();
    await row.getByText('Disabled', { exact: true }).waitFor();
    expect((await login(user)).status).toBe(403);
    // The pointer rests where the last click left it: off the page, so a hover colour is not what gets checked.
    await page.mouse.move(0, 0);
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    await screenshot(page, 'admin-users');

    await page.getByRole('button', { name: `Enable ${name}` }).click();
    await row.getByText('Active', { exact: true }).waitFor();
    expect((await login(user)).status).toBe(200);
    expect(await page.evaluate('window.__xss')).toBeUndefined();

    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  });

  it('should list unlisted events across the platform with a link to each console', async () => {
    // Starting later than any other suite's event, it is on the first page (newest start first) however many the run made.
    const hidden = await createEvent(web.app, {
      listed: false,
      title: `Hidden Cup ${randomUUID().slice(0, 6)}`,
      startsAt: hoursFromNow(24 * 3650),
      endsAt: hoursFromNow(24 * 3651),
    });
    const { page } = await open({ session: admin });
    await page.goto('/admin/events');
    const table = page.getByRole('table', { name: 'Events across the platform' });
    const row = table.getByRole('row', { name: new RegExp(String(hidden.body.title)) });
    await row.getByText('Unlisted').waitFor();
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await row.getByRole('link', { name: `Console of ${String(hidden.body.title)}` }).click();
    await page.getByRole('heading', { level: 1, name: String(hidden.body.title) }).waitFor();
    expect(page.url()).toContain(`/events/${hidden.slug}/manage`);
  });

  it('should refuse the admin pages to an organizer, with no menu entry', async () => {
    const organizer = await registerOrganizer(web.app);
    const { page } = await open({ session: organizer });
    await page.goto('/admin/users');
    await page.getByRole('alert').getByText('Only platform administrators can open these pages.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Administration' }).count()).toBe(0);
  });
});
