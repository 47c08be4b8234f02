import { logTransport } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Module } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { IncomingMessage } from 'http';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';

/** Structured logs (JSON, or readable lines on a terminal: LOG_FORMAT) with a request id per request; credentials never reach the log. */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          transport: logTransport(config.LOG_FORMAT, { tty: process.stdout.isTTY === true, production: config.isProduction }),
          // The id fastify assigned (create-api-app copies it onto the raw request).
          genReqId: (request: IncomingMessage) => (request as IncomingMessage & { id?: string }).id ?? randomUUID(),
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie'],
            censor: '[redacted]',
          },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              // Query strings may carry tokens (SSE): log the path only.
              url: request.url.split('?')[0],
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
        },
      }),
    }),
  ],
})
export class LoggerModule {}
