import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { ensureWebBuild } from './utils/web-browser';

// Issue 13's size bar: the JavaScript a first visit loads before any page's own chunk is at most 250 KB gzipped, and the
// heavy parts (the score graph's uPlot, the markdown renderer, the language catalogues) come later, only when needed.
const WEB = join(__dirname, '..', 'dist', 'web');
const LIMIT_BYTES = 250 * 1024;

/** The entry scripts and module preloads of index.html, with every chunk they import statically. */
function initialScripts(): string[] {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="\/(assets\/[^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] ?? match[2]);
  const found = new Set<string>();
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (found.has(file)) continue;
    found.add(file);
    const code = readFileSync(join(WEB, file), 'utf8');
    // Static imports only (`import{a}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy.
    for (const match of code.matchAll(/\bimport\s*(?:[\w${},\s*]+\s*from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${match[1]}`);
  }
  return [...found];
}

describe('web app bundle', () => {
  beforeAll(() => ensureWebBuild(), 300_000);

  it('should load at most 250 KB of gzipped JavaScript before the first page, without the chart and markdown code', () => {
    const files = initialScripts();
    expect(files.length).toBeGreaterThan(0);
    const gzipped = files.map((file) => gzipSync(readFileSync(join(WEB, file)), { level: 9 }).length);
    const total = gzipped.reduce((sum, size) => sum + size, 0);
    console.info(`initial JavaScript: ${files.length} file(s), ${(total / 1024).toFixed(1)} KB gzipped (limit 250 KB)`);
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
    const initialCode = files.map((file) => readFileSync(join(WEB, file), 'utf8')).join('\n');
    // uPlot's own class name and react-markdown's renderer live in lazy chunks.
    expect(initialCode).not.toContain('uplot');
    expect(initialCode).not.toMatch(/remark-parse|micromark/);
    // No language's catalogue either: each is a chunk of its own (locale-<code>), read for the viewer's language.
    expect(files.filter((file) => file.includes('/locale-'))).toEqual([]);
    const withText = (text: string) =>
      readdirSync(join(WEB, 'assets'))
        .filter((file) => file.endsWith('.js') && readFileSync(join(WEB, 'assets', file), 'utf8').includes(text))
        .map((file) => `assets/${file}`);
    for (const text of ['규칙', 'กติกา', 'The organisers have not written rules yet.']) {
      expect({ text, found: withText(text).length > 0 }).toEqual({ text, found: true });
      expect({ text, initial: withText(text).filter((file) => files.includes(file)) }).toEqual({ text, initial: [] });
    }
  });
});
