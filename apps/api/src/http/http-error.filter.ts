import { ArenaError, ErrorKind } from '@arena/common';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'http';

const statusOf: Record<ErrorKind, number> = {
  [ErrorKind.Invalid]: HttpStatus.BAD_REQUEST,
  [ErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorKind.Conflict]: HttpStatus.CONFLICT,
  [ErrorKind.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorKind.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorKind.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The contract's error body, plus a stable `code` where the domain gives one and the request id. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  requestId: string;
}

function errorBody(statusCode: number, message: string | string[], requestId: string, code?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(code ? { code } : {}), requestId };
}

/** The one exception filter: maps domain error kinds and HTTP exceptions to the contract's error shape. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Answers the request with the error's body; also used by routes answered before Nest's pipeline. */
  send(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const requestId = String(request.id);
    const body = this.toBody(exception, requestId, request);
    if (exception instanceof ArenaError && exception.retryAfterSeconds !== undefined) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    void reply.status(body.statusCode).header('x-request-id', requestId).send(body);
  }

  private toBody(exception: unknown, requestId: string, request: FastifyRequest): ErrorBody {
    if (exception instanceof ArenaError) {
      // Several problems found at once (an import) are answered as the contract's list of messages.
      const message = exception.problems && exception.problems.length > 1 ? exception.problems : exception.message;
      return errorBody(statusOf[exception.kind], message, requestId, exception.code);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'object' && response !== null && 'message' in response ? (response as { message: string | string[] }).message : exception.message;
      if (status >= 500) this.logger.error({ err: exception, requestId }, `request ${requestId} failed`);
      return errorBody(status, status >= 500 ? 'Internal server error' : message, requestId);
    }
    // The path only: query strings carry secrets (SSE's access_token).
    this.logger.error({ err: exception, requestId }, `request ${requestId} ${request.method} ${request.url.split('?')[0]} failed`);
    return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', requestId);
  }
}
