import { DataSource } from 'typeorm';

/** The part of node-postgres' pool a prepared query needs (TypeORM keeps the pool as `driver.master`). */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `text` as a named prepared statement on TypeORM's own pool: each connection parses it once and PostgreSQL
 * may keep its plan, instead of parsing and planning it on every call. For the few hot statements (flag attempts)
 * where that is most of the database's work; everything else goes through TypeORM as usual.
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
