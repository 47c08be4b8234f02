import { AccessTokensService } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AttemptsService } from './attempts.service';
import { AttemptResultDto } from './dto/attempt.dto';

/** Route config flag (`@RouteConfig`) of the flag attempt route, whose well-formed calls AttemptsFastPath takes. */
export const FLAG_ATTEMPT_ROUTE = 'flagAttempt';

// What uuidParam (ParseUUIDPipe, any version) accepts.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// CreateAttemptDto's @MaxLength counts characters, never more than the UTF-16 length checked here.
const MAX_SUBMISSION = 1000;
const BEARER = 'Bearer ';

/**
 * The hot path of flag attempts (a contest's start: every team guessing at once): a call that Nest's guards and pipes
 * would pass unchanged (a valid bearer token, a UUID id, a body of exactly `{ submission }` within its bound) goes
 * straight to AttemptsService, skipping passport, the validation pipe and the rxjs handler chain. Anything else is
 * left to Nest, which answers it (401, 400 naming the field) exactly as before, so the two paths cannot disagree.
 */
@Injectable()
export class AttemptsFastPath {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly tokens: AccessTokensService,
  ) {}

  /** The attempt's answer when this path takes the request; undefined leaves it to Nest. */
  take(request: FastifyRequest): Promise<AttemptResultDto> | undefined {
    const submission = onlySubmission(request.body);
    if (submission === undefined) return undefined;
    const { slug, id } = request.params as { slug?: string; id?: string };
    if (slug === undefined || id === undefined || !UUID.test(id)) return undefined;
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith(BEARER)) return undefined;
    const auth = this.tokens.verify(header.slice(BEARER.length));
    if (auth === undefined) return undefined;
    return this.attempts.attempt(auth, slug, id, submission, request.ip ?? null);
  }
}

/** The submission of a body that holds nothing else (the validation pipe forbids other fields). */
function onlySubmission(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  let submission: unknown;
  for (const key in body) {
    if (key !== 'submission' || !Object.hasOwn(body, key)) return undefined;
    submission = (body as { submission: unknown }).submission;
  }
  return typeof submission === 'string' && submission.length <= MAX_SUBMISSION ? submission : undefined;
}
