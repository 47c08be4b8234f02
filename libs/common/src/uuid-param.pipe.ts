import { ParseUUIDPipe } from '@nestjs/common';
import { ArenaError, ErrorKind } from './arena.error';

/** Parses a path parameter as a UUID; a bad one is a 400 naming the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new ArenaError(ErrorKind.Invalid, 'invalid-id', `${name} must be a UUID`),
  });
