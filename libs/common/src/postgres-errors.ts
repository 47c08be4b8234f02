import { QueryFailedError } from 'typeorm';

// SQLSTATE codes we act on: https://www.postgresql.org/docs/current/errcodes-appendix.html
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

// Through TypeORM (QueryFailedError) or straight from node-postgres (its DatabaseError, e.g. preparedQuery's).
function sqlState(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string } | undefined)?.code;
  const raw = error as { code?: unknown; severity?: unknown } | null;
  return error instanceof Error && typeof raw?.code === 'string' && typeof raw.severity === 'string' ? raw.code : undefined;
}

/** True when `error` is a unique violation, optionally of the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== UNIQUE_VIOLATION) return false;
  if (!constraint) return true;
  const source: unknown = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  return (source as { constraint?: string } | undefined)?.constraint === constraint;
}

/** True when `error` is a foreign key violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === FOREIGN_KEY_VIOLATION;
}
