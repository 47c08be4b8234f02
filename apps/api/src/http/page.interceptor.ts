import { Page, PAGINATED } from '@arena/common';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';

/** Lists (handlers marked @Paginated()) answer a JSON array and put the total in `X-Total-Count`. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(PAGINATED, context.getHandler())) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((page: Page<unknown>) => {
        void reply.header('X-Total-Count', String(page.total));
        return page.items;
      }),
    );
  }
}
