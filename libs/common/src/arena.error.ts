/** How a domain error maps onto the HTTP contract; the api's filter turns each kind into a status. */
export enum ErrorKind {
  Invalid = 'invalid',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not-found',
  Conflict = 'conflict',
  TooLarge = 'too-large',
  RateLimited = 'rate-limited',
  /** The server is too busy to take the request now; it may be retried after `retryAfterSeconds`. */
  Unavailable = 'unavailable',
}

/**
 * Base of every lib's typed domain error (`TeamsError`, `AuthError`, …).
 * Libs never throw HttpException; `code` is a stable kebab-case string clients may rely on.
 */
export class ArenaError extends Error {
  /** Every problem found, when there are several (an import that checks everything first): answered as a list. */
  problems?: string[];

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    /** Seconds until a rate-limited or turned-away caller may retry (sent as `Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One error listing every problem (joined in `message`, listed in `problems`), from the error made for the first. */
export function withProblems<T extends ArenaError>(error: T, problems: string[]): T {
  error.problems = problems;
  error.message = problems.join('; ');
  return error;
}
