import { EventsService } from '@arena/registration';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import request from 'supertest';

type Destination = { write: (line: string) => boolean };
const destinationOf = (logger: pino.Logger) => (logger as unknown as Record<symbol, Destination>)[pino.symbols.streamSym];
import { createApiApp } from '../apps/api/src/create-api-app';

// The api with its production logger (createTestApp turns logging off), every line it writes captured.
describe('logging (no secrets in the log)', () => {
  let app: NestFastifyApplication;
  const lines: string[] = [];

  beforeAll(async () => {
    const saved = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    try {
      app = await createApiApp();
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      // listen() would flush the logs buffered during boot and stop buffering; tests do not listen.
      app.flushLogs();
    } finally {
      process.env.LOG_LEVEL = saved;
    }
    // Two pino instances write: the access log's (pino-http, whose children log inside a request) and the one the
    // application loggers use outside a request.
    const nestLogger: unknown = app.get(Logger);
    const applicationPino = (nestLogger as { logger: PinoLogger }).logger.logger;
    for (const destination of new Set([destinationOf(PinoLogger.root), destinationOf(applicationPino)])) {
      jest.spyOn(destination, 'write').mockImplementation((line: string) => lines.push(String(line)) > 0);
    }
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  it('should log the path of a request that failed with 500 but not its query string (access_token)', async () => {
    jest.spyOn(app.get(EventsService), 'getBySlug').mockRejectedValueOnce(new Error('database went away'));
    const secret = 'eyJhbGciOiJIUzI1NiJ9.secret-token-in-query.signature';
    const response = await request(app.getHttpServer()).get(`/api/v1/events/some-event?access_token=${secret}&x=1`).expect(500);
    expect(response.body).toMatchObject({ statusCode: 500, message: 'Internal server error' });
    const logged = lines.join('');
    expect(logged).toContain('database went away');
    expect(logged).toContain('GET /api/v1/events/some-event failed');
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain('access_token');
  });
});
