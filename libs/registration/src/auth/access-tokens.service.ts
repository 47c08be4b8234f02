import { AuthContext } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims } from './strategies/jwt.strategy';

/** Checks an access token outside the Authorization header (SSE's `?access_token=`: EventSource cannot send headers). */
@Injectable()
export class AccessTokensService {
  constructor(private readonly jwt: JwtService) {}

  /** The caller, or undefined when the token is missing, expired or forged. */
  verify(token: string | undefined): AuthContext | undefined {
    if (!token) return undefined;
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      return { userId: claims.sub, role: claims.role };
    } catch {
      return undefined;
    }
  }
}
