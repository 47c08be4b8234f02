import { AccessTokensService, AccountWritesLimiter } from '@arena/registration';
import { preParsingHookHandler } from 'fastify';
import { ExtractJwt } from 'passport-jwt';
import { HttpErrorFilter } from './http-error.filter';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The JWT guard's own extractor: any header the guard accepts (a lowercase scheme, extra spaces) is charged too.
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * The per-account write budget as a fastify preParsing hook: after the access log saw the request, before its body is
 * parsed and before any route (the flag attempts' fast path included) runs. Reads, anonymous calls and calls whose token
 * does not verify pass untouched (the guards answer those).
 */
export function accountWritesHook(tokens: AccessTokensService, limiter: AccountWritesLimiter, errors: HttpErrorFilter): preParsingHookHandler {
  return (request, reply, payload, done) => {
    if (!WRITES.has(request.method) || request.headers.authorization === undefined) return done(null, payload);
    const token = bearerToken(request);
    if (!token) return done(null, payload);
    const auth = tokens.verify(token);
    if (auth === undefined) return done(null, payload);
    limiter.take(auth.userId).then(
      () => done(null, payload),
      (error: unknown) => errors.send(error, request, reply),
    );
  };
}
