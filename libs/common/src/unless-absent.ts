import { ValidateIf } from 'class-validator';

/**
 * For an optional DTO field whose column is required: absent skips the field's checks, but null is checked (and
 * refused by them, naming the field) instead of clearing the column, which the database would answer with a 500.
 */
export const UnlessAbsent = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);
