import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions, entityGlobs } from './database-options';

// For the TypeORM CLI only (npm run migrate / migration:generate / migration:revert).
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (npm run migrate starts a local database when it is unset)');

export default new DataSource({ ...databaseOptions(url), entities: entityGlobs });
