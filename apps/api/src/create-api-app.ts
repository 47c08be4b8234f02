import multipart from '@fastify/multipart';
import { loadConfig } from '@arena/config';
import { AttemptsFastPath, BoardCallers, CHALLENGE_LIST_ROUTE, ChallengeListFastPath, FLAG_ATTEMPT_ROUTE } from '@arena/ctf';
import { LeaderboardNotifier } from '@arena/jobs';
import { BOARD_PAGE_ROUTE, BoardPages } from '@arena/leaderboard';
import { AccessTokensService, AccountWritesLimiter, TokenRevocations } from '@arena/registration';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage } from 'http';
import { randomUUID } from 'crypto';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { accountWritesHook } from './http/account-writes.hook';
import { registerBodyLimits } from './http/body-limits';
import { HttpErrorFilter } from './http/http-error.filter';
import { securityHeaders } from './http/security-headers';
import { serveWebApp } from './http/web-app';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

// A caller's X-Request-Id is kept when it is sane; otherwise a UUID.
const requestIdOptions = {
  requestIdHeader: false as const,
  genReqId: (request: IncomingMessage) => {
    const given = request.headers['x-request-id'];
    return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  },
};

/** Builds the api exactly as production runs it; main.ts and the e2e suites both call this. */
export async function createApiApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const env = loadConfig();
  const adapter = new FastifyAdapter({ trustProxy: env.TRUST_PROXY, bodyLimit: env.BODY_LIMIT_BYTES, ...requestIdOptions });
  type HotRoute = { [BOARD_PAGE_ROUTE]?: boolean; [FLAG_ATTEMPT_ROUTE]?: boolean; [CHALLENGE_LIST_ROUTE]?: boolean } | undefined;
  // The first request hook, added before NestFactory.create registers Nest's middleware (the access log) and after
  // the adapter's own CORS hook. Every log line and error body of a request carries the id fastify gave it (see
  // requestIdOptions), every response helmet's security headers. Anonymous board reads (the projector-and-thousands-
  // of-browsers path) are answered here from their serialized page, ahead of the middleware: BoardPages logs how many
  // once a minute instead of an access-log line each.
  // Signed-in challenge lists whose every part is in memory (the reloads of a contest's start) are answered here too.
  const security = securityHeaders({ contentSecurityPolicy: false });
  let pages: BoardPages | undefined;
  let lists: ChallengeListFastPath | undefined;
  adapter.getInstance().addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    (request.raw as { id?: string }).id = request.id;
    void reply.headers(security).header('x-request-id', request.id);
    const route = request.routeOptions.config as HotRoute;
    if (pages && route?.[BOARD_PAGE_ROUTE] && pages.serve(request, reply)) return;
    if (lists && route?.[CHALLENGE_LIST_ROUTE] && lists.serveNow(request, reply)) return;
    done();
  });
  registerBodyLimits(adapter.getInstance(), { limitBytes: env.BODY_LIMIT_BYTES, drainBytes: env.BODY_DRAIN_BYTES, drainMs: env.BODY_DRAIN_SECONDS * 1000 });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    bufferLogs: options.logger !== false,
    logger: options.logger === false ? false : undefined,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  // Tokens revoked (a disabled or demoted user) are refused from the first request on.
  await app.get(TokenRevocations).start();
  // Other api processes' team and event changes drop this one's cached memberships and challenge-list callers at once.
  await app.get(LeaderboardNotifier).follow();
  await app.get(BoardCallers).follow();
  pages = app.get(BoardPages);
  // Well-formed flag attempts and challenge lists (a contest's start) are taken before Nest's guards, pipes and
  // interceptors, once the body is parsed, with the access log; errors get the one error shape.
  const attempts = app.get(AttemptsFastPath);
  const listPath = app.get(ChallengeListFastPath);
  lists = listPath;
  const errors = new HttpErrorFilter();
  // Every write of a signed-in account (the fast path's too) first takes a token from the account's bucket.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preParsing', accountWritesHook(app.get(AccessTokensService), app.get(AccountWritesLimiter), errors));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const route = request.routeOptions.config as HotRoute;
      const list = route?.[CHALLENGE_LIST_ROUTE] ? listPath.take(request) : undefined;
      const answer = list ?? (route?.[FLAG_ATTEMPT_ROUTE] ? attempts.take(request) : undefined);
      if (answer === undefined) return done();
      answer.then(
        (body) => void (list ? reply.code(200).type('application/json; charset=utf-8').send(body) : reply.code(200).send(body)),
        (error: unknown) => errors.send(error, request, reply),
      );
    });
  // Per-kind limits are enforced while streaming (413); this is only the outer bound.
  await app.register(multipart, {
    limits: { fileSize: Math.max(env.MAX_ATTACHMENT_BYTES, env.MAX_IMPORT_BYTES, env.MAX_TASK_FILE_BYTES, env.MAX_SUBMISSION_BYTES) + 1, files: 8, fields: 50 },
  });
  if (env.CORS_ORIGINS.length > 0) {
    app.enableCors({ origin: env.CORS_ORIGINS.includes('*') ? true : env.CORS_ORIGINS, exposedHeaders: ['X-Total-Count', 'Retry-After', 'X-Request-Id'] });
  }
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Arena API')
      .setDescription('The public HTTP contract (v1). Errors: { statusCode, error, message, code?, requestId }.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await serveWebApp(app, env.WEB_DIR, errors);
  return app;
}
