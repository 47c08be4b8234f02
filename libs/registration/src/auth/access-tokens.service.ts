import { AuthContext } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims } from './strategies/jwt.strategy';
import { TokenRevocations } from './token-revocations.service';

// Tokens verified lately: a player's every flag attempt carries the same one, and checking its HMAC each time is a
// tenth of the attempt's CPU. Only tokens that verified are kept, each until it expires; past this many the oldest goes.
const REMEMBERED = 10_000;

/** A verified access token's user and generation (see TokenRevocations), and when it expires (epoch ms; null: never). */
export interface TokenGrant {
  userId: string;
  generation: number;
  expiresAt: number | null;
}

/**
 * Checks an access token outside passport: SSE's `?access_token=` (EventSource cannot send headers) and the flag
 * attempt's fast path. Same rules as the JWT strategy: HS256 with the platform key, not expired, not revoked.
 */
@Injectable()
export class AccessTokensService {
  private readonly verified = new Map<string, { auth: AuthContext; generation: number | undefined; expiresAt: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly revocations: TokenRevocations,
  ) {}

  /** The caller, or undefined when the token is missing, expired, forged or revoked. */
  verify(token: string | undefined): AuthContext | undefined {
    if (!token) return undefined;
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return this.revocations.isRevoked(known.auth.userId, known.generation) ? undefined : known.auth;
      this.verified.delete(token);
    }
    const claims = this.decode(token);
    if (!claims) return undefined;
    const auth = Object.freeze({ userId: claims.sub, role: claims.role });
    if (claims.exp !== undefined) this.remember(token, auth, claims.gen, claims.exp * 1000);
    return this.revocations.isRevoked(claims.sub, claims.gen) ? undefined : auth;
  }

  /** What a token that verifies grants for as long as it lives (SSE streams hold it); null when it does not verify. */
  grant(token: string | undefined): TokenGrant | null {
    if (!token || !this.verify(token)) return null;
    const known = this.verified.get(token);
    if (known) return { userId: known.auth.userId, generation: known.generation ?? 0, expiresAt: known.expiresAt };
    const claims = this.decode(token);
    return claims ? { userId: claims.sub, generation: claims.gen ?? 0, expiresAt: null } : null;
  }

  private decode(token: string): (AccessTokenClaims & { exp?: number }) | undefined {
    try {
      return this.jwt.verify<AccessTokenClaims & { exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      return undefined;
    }
  }

  private remember(token: string, auth: AuthContext, generation: number | undefined, expiresAt: number): void {
    if (this.verified.size >= REMEMBERED) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { auth, generation, expiresAt });
  }
}
