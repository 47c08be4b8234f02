import { AccessTokensService } from '@arena/registration';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ChallengesService } from './challenges.service';

/** Route config flag (`@RouteConfig`) of the challenge list route, whose well-formed calls ChallengeListFastPath takes. */
export const CHALLENGE_LIST_ROUTE = 'challengeList';

const BEARER = 'Bearer ';
const SUMMARY_MS = 60_000;

/**
 * The hot read of a contest's start (every player loads the list, and reloads it after each solve): a call that
 * Nest's guards would pass (a valid bearer token) goes straight to ChallengesService, skipping passport and the rxjs
 * handler chain, which cost more than the list itself once its facts come from memory. Anything else (no token, a
 * bad one) is left to Nest, which answers it exactly as before, so the two paths cannot disagree.
 *
 * Two stages: `serveNow` answers, as the request arrives and before Nest's middleware, a caller whose list is all in
 * memory (ChallengesService.listJsonNow); `take` answers the rest once the request has been through the access log.
 */
@Injectable()
export class ChallengeListFastPath implements OnModuleDestroy {
  private readonly logger = new Logger(ChallengeListFastPath.name);
  // Lists answered by `serveNow` are not access-logged one by one (thousands a second): a line a minute counts them.
  private served = 0;
  private readonly summary = setInterval(() => this.logServed(), SUMMARY_MS).unref();

  constructor(
    private readonly challenges: ChallengesService,
    private readonly tokens: AccessTokensService,
  ) {}

  onModuleDestroy(): void {
    clearInterval(this.summary);
    this.logServed();
  }

  /** Answers the request from memory when ChallengesService.listJsonNow can; false leaves it to `take` and Nest. */
  serveNow(request: FastifyRequest, reply: FastifyReply): boolean {
    const call = this.call(request);
    let json: string | undefined;
    try {
      json = call && this.challenges.listJsonNow(call.auth, call.slug);
    } catch {
      // Refused (a banned team, an event not started): `take` and Nest answer it with the one error shape.
      return false;
    }
    if (json === undefined) return false;
    this.served += 1;
    void reply.code(200).type('application/json; charset=utf-8').send(json);
    return true;
  }

  /** The list as JSON text when this path takes the request; undefined leaves it to Nest. */
  take(request: FastifyRequest): Promise<string> | undefined {
    const call = this.call(request);
    return call && this.challenges.listJson(call.auth, call.slug);
  }

  private call(request: FastifyRequest) {
    if (request.method !== 'GET') return undefined;
    const { slug } = request.params as { slug?: string };
    if (slug === undefined) return undefined;
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith(BEARER)) return undefined;
    const auth = this.tokens.verify(header.slice(BEARER.length));
    return auth && { auth, slug };
  }

  private logServed(): void {
    if (this.served === 0) return;
    this.logger.log(`answered ${this.served} challenge lists from memory in the last minute`);
    this.served = 0;
  }
}
