import { AuthContext } from '@arena/common';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The caller's AuthContext; undefined on a public route called without a token. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthContext | undefined => context.switchToHttp().getRequest<{ user?: AuthContext }>().user,
);
