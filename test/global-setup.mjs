// Starts what the e2e suites need, once: an embedded PostgreSQL and a private redis-server
// (unless TEST_DATABASE_URL / TEST_REDIS_URL name running ones), then applies the migrations
// exactly as `npm run migrate` does. Workers inherit the environment set here.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTypeorm, startPostgres, startRedis } from '../scripts/local-services.mjs';

export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'arena-e2e-'));
  // PostgreSQL runs as its own user when we are root: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  const stops = [];
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startPostgres({ dir: join(dir, 'pg'), database: 'arena_test', persistent: false });
    stops.push(pg.stop);
    databaseUrl = pg.url;
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis({ dir: join(dir, 'redis') });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  globalThis.__ARENA_STOPS__ = stops;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    ARENA_ADMIN_EMAIL: 'admin@arena.test',
    ARENA_ADMIN_PASSWORD: 'admin-password-e2e',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Suites share 127.0.0.1: the per-IP limit has its own suite with its own addresses.
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_FAILURES_PER_ADDRESS: '1000000',
    // Suites fire writes from one organiser as fast as they can: the per-account write bucket has its own suite.
    WRITE_RATE_LIMIT_BURST: '1000000',
    BULLMQ_PREFIX: `arena-e2e-${process.pid}`,
    BLOB_DIR: join(dir, 'blobs'),
  });
  const status = runTypeorm(['migration:run'], { DATABASE_URL: databaseUrl }, { quiet: true });
  if (status !== 0) throw new Error(`migrations failed (exit ${status})`);
}
