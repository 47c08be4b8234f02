// npm run migrate | migration:generate <Name> | migration:revert | migration:check
// Uses DATABASE_URL when set; otherwise the local embedded PostgreSQL under .arena/pg.
import { join } from 'node:path';
import { ROOT, runTypeorm, startPostgres } from './local-services.mjs';

const [command, name] = process.argv.slice(2);

async function withDatabase(run) {
  if (process.env.DATABASE_URL) return run(process.env.DATABASE_URL);
  const pg = await startPostgres({ dir: join(ROOT, '.arena', 'pg') });
  try {
    return await run(pg.url);
  } finally {
    await pg.stop();
  }
}

async function main() {
  switch (command) {
    case 'migration:run':
    case 'migration:revert':
      return withDatabase((url) => runTypeorm([command], { DATABASE_URL: url }));
    case 'migration:generate':
      if (!name) throw new Error('usage: npm run migration:generate -- <Name>');
      return withDatabase((url) => {
        const status = runTypeorm(['migration:run'], { DATABASE_URL: url });
        return status || runTypeorm(['migration:generate', join('migrations', name), '--pretty'], { DATABASE_URL: url });
      });
    case 'migration:check': {
      // Applies the migrations to a throwaway database, then fails when the entities want more.
      const pg = await startPostgres({ dir: join(ROOT, '.arena', 'pg-check'), persistent: false, database: 'arena_check' });
      try {
        const status = runTypeorm(['migration:run'], { DATABASE_URL: pg.url });
        return status || runTypeorm(['migration:generate', join('migrations', 'Unexpected'), '--check'], { DATABASE_URL: pg.url });
      } finally {
        await pg.stop();
      }
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().then(
  (status) => process.exit(status ?? 0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
