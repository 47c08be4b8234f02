import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * Tick-leading on (test/setup-env.ts turns it off): for the suites that play attack-defence games. Every leader ticks
 * every running game of the shared database, so a suite without games must not lead: it would start other suites'
 * ticks and run their checkers.
 */
export const AD_TICKS_ENV = { AD_TICK_SCHEDULER: 'true' };

/**
 * The suites that lead ticks share the database's games with each other (each jest worker has its own BullMQ prefix, so
 * its own leader lock): a leader of one suite may start another suite's ticks. That is harmless, unless a suite checks
 * which of its workers started a tick (ad-failover): that suite holds the games exclusively, the others (every worker
 * booted with AD_TICKS_ENV) shared, while they run. A PostgreSQL advisory lock on a connection of its own, released by
 * the function returned (or by the connection's end).
 *
 * One shared hold per jest process, however many workers it boots (ad-game boots two): a second shared request would
 * queue behind an exclusive one waiting for the first, a deadlock PostgreSQL cannot see (the first holder idles on our
 * side). A request gives up before its hook's timeout, so a failed suite leaves no waiter in the queue.
 */
export async function holdGames(mode: 'shared' | 'exclusive'): Promise<() => Promise<void>> {
  if (mode === 'exclusive') return lockGames('pg_advisory_lock', '580s');
  if (!sharedHold) {
    const created = { holders: 0, lock: lockGames('pg_advisory_lock_shared', '170s') };
    created.lock.catch(() => (sharedHold === created ? (sharedHold = null) : undefined));
    sharedHold = created;
  }
  const held = sharedHold;
  held.holders += 1;
  let unlock: () => Promise<void>;
  try {
    unlock = await held.lock;
  } catch (error) {
    held.holders -= 1;
    throw error;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    held.holders -= 1;
    if (held.holders > 0) return;
    if (sharedHold === held) sharedHold = null;
    await unlock();
  };
}

let sharedHold: { holders: number; lock: Promise<() => Promise<void>> } | null = null;

async function lockGames(lock: 'pg_advisory_lock' | 'pg_advisory_lock_shared', timeout: string): Promise<() => Promise<void>> {
  // One connection, checked out for as long as the lock is held (the pool closes idle ones after 10 s): the lock is the
  // session's, released when the connection closes.
  const connection = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, extra: { max: 1 } }).initialize();
  const session = connection.createQueryRunner();
  try {
    await session.connect();
    await session.query(`SET lock_timeout = '${timeout}'`);
    await session.query(`SELECT ${lock}(hashtext('arena-e2e-games'))`);
  } catch (error) {
    await connection.destroy();
    throw error;
  }
  return async () => {
    await session.release();
    await connection.destroy();
  };
}

/**
 * Boots the real worker (BullMQ consumers, sandbox) in this process, against the harness's PostgreSQL and Redis; `env`
 * is set while it boots (the config is read then).
 */
export async function startTestWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const release = env.AD_TICK_SCHEDULER === 'true' ? await holdGames('shared') : async () => undefined;
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    const close = worker.close.bind(worker);
    worker.close = () => close().finally(release);
    return worker;
  } catch (error) {
    await release();
    throw error;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
