import { join } from 'path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// The project root in the sources, or dist/ in the build: both hold libs/ and migrations/.
const root = join(__dirname, '..', '..', '..');

/** Connection options shared by the apps and the migration CLI; the schema only changes through migrations. */
export function databaseOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    extra: { max: 20 },
  };
}

/** Entity files, for the CLI (the apps register entities through TypeOrmModule.forFeature). */
export const entityGlobs = [join(root, 'libs', '*', 'src', '**', '*.entity.{ts,js}')];
