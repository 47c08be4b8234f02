import { AuthContext, PlatformRole } from '@arena/common';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RegistrationError, RegistrationErrorCode } from '../../registration.errors';
import { UsersService } from '../../users/users.service';
import { ROLES } from '../decorators/roles.decorator';

/**
 * Global guard after the JWT guard: gates routes marked @Roles(...). The role is re-read from the database (these are
 * the platform's admin routes, rare): a token issued before its user was demoted or disabled passes nothing here.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<{ user?: AuthContext }>();
    const user = request.user;
    const role = user && roles.includes(user.role) ? await this.users.activeRole(user) : null;
    if (user && role && roles.includes(role)) {
      request.user = { userId: user.userId, role };
      return true;
    }
    throw new RegistrationError(RegistrationErrorCode.NotOrganiser, `this needs the role ${roles.join(' or ')}`);
  }
}
