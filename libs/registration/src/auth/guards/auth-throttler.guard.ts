import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'crypto';

/**
 * The per-IP limit of /auth/register, /auth/login and /auth/refresh: one budget per address for the three together.
 * ThrottlerGuard keys by controller and handler, which would give each route its own budget.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return createHash('sha256').update(`auth-${throttlerName}-${tracker}`).digest('hex');
  }
}
