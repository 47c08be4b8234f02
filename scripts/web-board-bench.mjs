#!/usr/bin/env node
// The web board under a large board: a 2 000-team leaderboard rendered by the built app (dist/web) in headless
// Chromium, then a storm of pushed updates. Measures what the browser does, so the board is served by a stand-in
// for the api (this script's own HTTP server: the event, the SSE stream, board pages, score graph and ticker, in the
// api's shapes) and the figures do not depend on PostgreSQL or the worker.
//
//   node scripts/web-board-bench.mjs [--teams 2000] [--updates 40] [--every 250] [--runs 3]
//
// Per run: time to first rows (navigation start to the first ranked row in the DOM), time until the last row is on
// screen after a jump to the end (rows past 500 come by page reads), and during the updates the longest frame gap,
// the 95th percentile gap, and the long tasks (over 50 ms) the browser reported. `uptime`'s load is printed beside
// each run: the machine is shared, so compare runs at similar loads.
import { execSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildWeb, WEB_DIST, webBuildIsCurrent } from './web-build.mjs';

const { values: args } = parseArgs({
  options: {
    teams: { type: 'string', default: '2000' },
    updates: { type: 'string', default: '40' },
    every: { type: 'string', default: '250' },
    runs: { type: 'string', default: '3' },
  },
});
const TEAMS = Number(args.teams);
const UPDATES = Number(args.updates);
const EVERY_MS = Number(args.every);
const RUNS = Number(args.runs);
const SLUG = 'bench-board';
const PAGE = 500;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2' };

// The board: teams with scores that change with each version (a few teams gain points, the ranks move).
let version = 1;
const started = new Date(Date.now() - 3600_000).toISOString();
const teams = Array.from({ length: TEAMS }, (_, index) => ({
  teamId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  teamName: `Team ${String(index + 1).padStart(4, '0')} ${'ต้มยำ 한글 Việt'.slice(0, index % 12)}`,
  score: (TEAMS - index) * 10,
  lastScoredAt: new Date(Date.now() - index * 1000).toISOString(),
}));
function ranked() {
  const sorted = [...teams].sort((a, b) => b.score - a.score || a.lastScoredAt.localeCompare(b.lastScoredAt));
  return sorted.map((team, index) => ({ rank: index + 1, teamId: team.teamId, teamName: team.teamName, division: null, score: team.score, lastScoredAt: team.lastScoredAt }));
}
let rows = ranked();
function advance() {
  version += 1;
  for (let i = 0; i < 20; i += 1) {
    const team = teams[Math.floor(Math.random() * teams.length)];
    team.score += 50 + Math.floor(Math.random() * 500);
    team.lastScoredAt = new Date().toISOString();
  }
  rows = ranked();
}
const boardBody = (offset, limit) => ({ eventId: 'bench', frozen: false, updatedAt: new Date().toISOString(), total: rows.length, rows: rows.slice(offset, offset + limit) });

const event = {
  id: 'bench',
  slug: SLUG,
  title: 'Board bench',
  kind: 'ctf',
  description: '',
  startsAt: started,
  endsAt: new Date(Date.now() + 3600_000).toISOString(),
  freezeAt: null,
  divisions: [],
  registration: { approval: 'auto' },
  leaderboardVisibility: 'public',
};

const streams = new Set();
function json(response, body, headers = {}) {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function api(request, response, url) {
  const path = url.pathname;
  if (path === `/api/v1/events/${SLUG}`) return json(response, event);
  if (path === `/api/v1/events/${SLUG}/leaderboard/stream`) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(`id: ${version}\nevent: leaderboard\ndata: ${JSON.stringify(boardBody(0, PAGE))}\n\n`);
    streams.add(response);
    request.on('close', () => streams.delete(response));
    return;
  }
  if (path === `/api/v1/events/${SLUG}/leaderboard`) {
    return json(response, boardBody(Number(url.searchParams.get('offset') ?? 0), Number(url.searchParams.get('limit') ?? 50)));
  }
  if (path === `/api/v1/events/${SLUG}/leaderboard/history`) {
    const history = rows.slice(0, 10).map((row) => ({
      teamId: row.teamId,
      teamName: row.teamName,
      rank: row.rank,
      points: [
        { at: started, score: Math.floor(row.score / 2) },
        { at: row.lastScoredAt, score: row.score },
      ],
    }));
    return json(response, history, { etag: `W/"history-${version}-public-10-"` });
  }
  if (path === `/api/v1/events/${SLUG}/leaderboard/solves`) {
    const solves = rows.slice(0, 12).map((row, index) => ({
      id: `${version}-${index}`,
      teamId: row.teamId,
      teamName: row.teamName,
      challengeId: 'c',
      challengeName: 'web-100',
      at: row.lastScoredAt,
      firstBlood: index === 0,
    }));
    return json(response, solves, { etag: `W/"solves-${version}-public-12"` });
  }
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ statusCode: 404, message: 'not in the bench' }));
}

function serve(request, response) {
  const url = new URL(request.url ?? '/', 'http://bench');
  if (url.pathname.startsWith('/api/')) return api(request, response, url);
  const file = normalize(join(WEB_DIST, url.pathname));
  const target = file.startsWith(WEB_DIST) && existsSync(file) && statSync(file).isFile() ? file : join(WEB_DIST, 'index.html');
  response.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(response);
}

function push() {
  advance();
  const frame = `id: ${version}\nevent: leaderboard\ndata: ${JSON.stringify(boardBody(0, PAGE))}\n\n`;
  for (const stream of streams) stream.write(frame);
}

// Page side: when the first ranked row appears, and every frame's gap and long task while updates arrive.
const PROBE = `
  window.__bench = { firstRowAt: null, gaps: [], longTasks: [] };
  new MutationObserver((_, observer) => {
    if (document.querySelector('[role="row"][aria-rowindex="2"]')) {
      window.__bench.firstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__bench.longTasks.push(entry.duration); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  window.__benchFrames = () => {
    let last = performance.now();
    const tick = (now) => { window.__bench.gaps.push(now - last); last = now; if (window.__benchRunning) requestAnimationFrame(tick); };
    window.__benchRunning = true;
    requestAnimationFrame(tick);
  };
`;

const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/^.*load average:\s*/, 'load ');
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(browser, baseUrl, index) {
  const before = load();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(`${baseUrl}/events/${SLUG}/board`);
  await page.waitForFunction('window.__bench.firstRowAt !== null', undefined, { timeout: 30_000 });
  const firstRowsMs = await page.evaluate('window.__bench.firstRowAt');
  await page.getByRole('img', { name: /cumulative score/ }).waitFor({ timeout: 30_000 });

  // The storm: a new board every EVERY_MS, while the page draws frames.
  await page.evaluate('window.__bench.longTasks = []; window.__benchFrames()');
  for (let update = 0; update < UPDATES; update += 1) {
    push();
    await sleep(EVERY_MS);
  }
  await page.evaluate('window.__benchRunning = false');
  const { gaps, longTasks } = await page.evaluate('({ gaps: window.__bench.gaps.slice(1), longTasks: window.__bench.longTasks })');

  // The end of the board: rows past the stream's first 500 are read by page.
  const jumpStarted = Date.now();
  await page.getByRole('rowgroup', { name: 'Ranked teams' }).evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await page
    .locator(`[role="row"][aria-rowindex="${TEAMS + 1}"]`)
    .filter({ hasText: /\d/ })
    .waitFor({ timeout: 30_000 });
  const lastRowMs = Date.now() - jumpStarted;
  await context.close();
  const figures = {
    run: index + 1,
    firstRowsMs: Math.round(firstRowsMs),
    lastRowAfterJumpMs: lastRowMs,
    maxFrameGapMs: Math.round(Math.max(...gaps)),
    p95FrameGapMs: Math.round(percentile(gaps, 95)),
    frames: gaps.length,
    longTasks: longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...longTasks)),
  };
  console.log(`${JSON.stringify(figures)}  (${before}; after: ${load()})`);
  return figures;
}

async function main() {
  if (!webBuildIsCurrent()) {
    console.log('building dist/web …');
    await buildWeb();
  }
  const server = createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  console.log(`web board bench: ${TEAMS} teams, ${UPDATES} updates every ${EVERY_MS} ms, ${RUNS} runs, ${await browser.version()}`);
  try {
    for (let index = 0; index < RUNS; index += 1) await run(browser, baseUrl, index);
  } finally {
    await browser.close();
    for (const stream of streams) stream.end();
    server.close();
  }
}

await main();
