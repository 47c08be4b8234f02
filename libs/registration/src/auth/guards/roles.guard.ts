import { AuthContext, PlatformRole } from '@arena/common';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RegistrationError, RegistrationErrorCode } from '../../registration.errors';
import { ROLES } from '../decorators/roles.decorator';

/** Global guard after the JWT guard: gates routes marked @Roles(...). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthContext }>().user;
    if (user && roles.includes(user.role)) return true;
    throw new RegistrationError(RegistrationErrorCode.NotOrganiser, `this needs the role ${roles.join(' or ')}`);
  }
}
