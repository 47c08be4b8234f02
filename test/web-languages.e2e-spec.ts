import { Page } from 'playwright-core';
import { createEvent, hoursFromNow, TestEvent } from './factories/event.factory';
import { registerUser } from './factories/user.factory';
import { openPlayerPage, PlayerPage, startWebHarness, WebHarness } from './utils/web-session';

// Each language's catalogue is a chunk of its own (assets/locale-<code>-….js for the shell, assets/locale-<code>-<section>-….js
// for a page's own sections): a first visit reads the viewer's language only, another language is read when the viewer
// switches to it, and the interface switches once it is in (no key ever shows).
jest.setTimeout(120_000);

// Any text on the page that is a catalogue key rather than its text (`event.rules`, `judging.notJudge`), as it appears.
const KEY_WATCH = `
  window.__keysShown = [];
  const looksLikeKey = (text) => /^(nav|event|events|common|footer|errors|judging|auth|board)\\.[A-Za-z][\\w.]*$/.test((text || '').trim());
  const check = (node) => {
    if (node.nodeType === Node.TEXT_NODE && looksLikeKey(node.nodeValue)) window.__keysShown.push(node.nodeValue);
    if (node.nodeType === Node.ELEMENT_NODE) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) if (looksLikeKey(text.nodeValue)) window.__keysShown.push(text.nodeValue);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') check(record.target);
      for (const node of record.addedNodes) check(node);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

describe('web app languages (Chromium)', () => {
  let web: WebHarness;
  let event: TestEvent;
  const players: PlayerPage[] = [];

  /** A fresh context whose page records the catalogue chunks it asks for (file names) and any key it shows. */
  const open = async (options: Parameters<typeof openPlayerPage>[1] = {}) => {
    const player = await openPlayerPage(web, options);
    players.push(player);
    const catalogues: string[] = [];
    player.page.on('request', (request) => {
      const file = /\/assets\/(locale-[^/]+\.js)$/.exec(new URL(request.url()).pathname)?.[1];
      if (file) catalogues.push(file);
    });
    await player.page.addInitScript(KEY_WATCH);
    return { ...player, catalogues };
  };
  const languagesOf = (files: string[]) => [...new Set(files.map((file) => /^locale-([a-z]+)-/.exec(file)?.[1]))].sort();
  const keysShown = (page: Page) => page.evaluate<string[]>('window.__keysShown');

  beforeAll(async () => {
    web = await startWebHarness();
    event = await createEvent(web.app, { title: 'Language Cup', description: 'Play fair.', startsAt: hoursFromNow(-1), endsAt: hoursFromNow(5) });
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

  it("should read only the viewer's catalogue on a first visit, and the Korean one when the viewer switches to Korean", async () => {
    const { page, catalogues } = await open({ locale: 'en-US' });
    await page.goto(`/events/${event.slug}`);
    await page.getByRole('heading', { name: 'Rules' }).waitFor();
    expect(languagesOf(catalogues)).toEqual(['en']);

    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('heading', { name: '규칙' }).waitFor();
    expect(await page.getByRole('heading', { name: '일정' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(languagesOf(catalogues)).toEqual(['en', 'ko']);
    expect(await keysShown(page)).toEqual([]);
  });

  it("should start in the browser's language without reading English, and read a page's own sections in the language switched to", async () => {
    const viewer = await registerUser(web.app);
    const { page, catalogues } = await open({ locale: 'ko-KR', session: viewer });
    // The judges' panel brings its own section (judging), read in the viewer's language with the page.
    await page.goto('/judging');
    await page.getByRole('heading', { level: 1, name: '심사' }).waitFor();
    // The heading shows before the judge's events are read.
    await page.getByText('어떤 이벤트의 심사위원도 아닙니다.').waitFor();
    expect(languagesOf(catalogues)).toEqual(['ko']);
    expect(catalogues.some((file) => file.startsWith('locale-ko-judging-'))).toBe(true);

    // Switching reads Thai for the shell and for the sections pages brought so far, before the interface switches.
    await page.getByLabel('언어').selectOption('th');
    await page.getByRole('heading', { level: 1, name: 'การตัดสิน' }).waitFor();
    await page.getByText('คุณไม่ได้เป็นกรรมการของกิจกรรมใด').waitFor();
    expect(catalogues.some((file) => file.startsWith('locale-th-judging-'))).toBe(true);
    expect(languagesOf(catalogues)).toEqual(['ko', 'th']);
    expect(await keysShown(page)).toEqual([]);

    // The choice is kept: a reload starts in Thai and reads nothing else.
    catalogues.length = 0;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'การตัดสิน' }).waitFor();
    expect(languagesOf(catalogues)).toEqual(['th']);
  });
});
