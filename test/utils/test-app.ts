import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The production password-hash parameters (OWASP's 19 MiB, 2 passes), for the suites about them: every other suite
 * hashes at the cheap test cost set in test/setup-env.ts. Also needed by anything that loads a NODE_ENV=production
 * config from this process's environment, which refuses the test cost.
 */
export const PRODUCTION_HASH_ENV = { PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' };

/** Boots the real api (same factory as production) against the harness's PostgreSQL and Redis. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const app = await createApiApp({ logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      http: () => request(app.getHttpServer()),
      close: () => app.close(),
    };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
