import { AccessTokensService } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ChallengesService } from './challenges.service';

/** Route config flag (`@RouteConfig`) of the challenge list route, whose well-formed calls ChallengeListFastPath takes. */
export const CHALLENGE_LIST_ROUTE = 'challengeList';

const BEARER = 'Bearer ';

/**
 * The hot read of a contest's start (every player loads the list, and reloads it after each solve): a call that
 * Nest's guards would pass (a valid bearer token) goes straight to ChallengesService, skipping passport and the rxjs
 * handler chain, which cost more than the list itself once its facts come from memory. Anything else (no token, a
 * bad one) is left to Nest, which answers it exactly as before, so the two paths cannot disagree.
 */
@Injectable()
export class ChallengeListFastPath {
  constructor(
    private readonly challenges: ChallengesService,
    private readonly tokens: AccessTokensService,
  ) {}

  /** The list as JSON text when this path takes the request; undefined leaves it to Nest. */
  take(request: FastifyRequest): Promise<string> | undefined {
    if (request.method !== 'GET') return undefined;
    const { slug } = request.params as { slug?: string };
    if (slug === undefined) return undefined;
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith(BEARER)) return undefined;
    const auth = this.tokens.verify(header.slice(BEARER.length));
    if (auth === undefined) return undefined;
    return this.challenges.listJson(auth, slug);
  }
}
