import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { RegistrationError, RegistrationErrorCode } from '../../registration.errors';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { VerifiedCaller } from '../strategies/jwt.strategy';
import { TokenRevocations } from '../token-revocations.service';

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly revocations: TokenRevocations,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (!isPublic) return (await super.canActivate(context)) as boolean;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (!request.headers.authorization) return true;
    // A public route still knows an authenticated caller (organisers see more).
    try {
      await super.canActivate(context);
    } catch {
      // An invalid token on a public route is treated as no token.
    }
    return true;
  }

  // A token issued before its user was disabled or had their role changed is refused (401): the client refreshes, and
  // gets the new role or, disabled, a 403.
  override handleRequest<T>(error: unknown, user: T): T {
    const caller = user as VerifiedCaller | false | undefined;
    if (error || !caller || this.revocations.isRevoked(caller.userId, caller.generation)) {
      throw new RegistrationError(RegistrationErrorCode.InvalidCredentials, 'missing or invalid access token');
    }
    return { userId: caller.userId, role: caller.role } as T;
  }
}
