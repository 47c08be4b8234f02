import { QueryFailedError } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation } from './postgres-errors';

// What node-postgres throws (its DatabaseError carries the SQLSTATE and the constraint), alone or wrapped by TypeORM.
const pgError = (code: string, constraint?: string) => Object.assign(new Error('violates a constraint'), { code, severity: 'ERROR', constraint });
const wrapped = (code: string, constraint?: string) => new QueryFailedError('INSERT …', [], pgError(code, constraint));

describe('postgres errors', () => {
  it('should recognise a violation from TypeORM and straight from node-postgres alike', () => {
    for (const make of [pgError, wrapped]) {
      expect(isForeignKeyViolation(make('23503'))).toBe(true);
      expect(isUniqueViolation(make('23505', 'solves_challenge_team_key'), 'solves_challenge_team_key')).toBe(true);
      expect(isUniqueViolation(make('23505', 'other_key'), 'solves_challenge_team_key')).toBe(false);
      expect(isForeignKeyViolation(make('23505'))).toBe(false);
    }
  });

  it('should not take an error that merely has a code for a database error', () => {
    expect(isForeignKeyViolation(Object.assign(new Error('ECONNRESET'), { code: '23503' }))).toBe(false);
    expect(isForeignKeyViolation({ code: '23503', severity: 'ERROR' })).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
