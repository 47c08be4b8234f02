import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * Tick-leading on (test/setup-env.ts turns it off): for the suites that play attack-defence games. Every leader ticks
 * every running game of the shared database, so a suite without games must not lead: it would start other suites'
 * ticks and run their checkers.
 */
export const AD_TICKS_ENV = { AD_TICK_SCHEDULER: 'true' };

/**
 * Boots the real worker (BullMQ consumers, sandbox) in this process, against the harness's PostgreSQL and Redis; `env`
 * is set while it boots (the config is read then).
 */
export async function startTestWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    return worker;
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
