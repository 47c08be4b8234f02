import { AuthContext, PlatformRole } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { jwtKey } from '../jwt-key';
import { TokenRevocations } from '../token-revocations.service';

/** The claims of an access token. */
export interface AccessTokenClaims {
  /** The user's id. */
  sub: string;
  /** The platform role when issued. */
  role: PlatformRole;
  /** The user's token generation when issued (absent in tokens issued before the claim: 0); see TokenRevocations. */
  gen?: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly revocations: TokenRevocations,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: with a plain string jsonwebtoken first tries (and fails) to read it as a public key on every request.
      secretOrKey: jwtKey(config) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  // False (401) for a token issued before its user was disabled or had their role changed: the client refreshes, and
  // gets the new role or, disabled, a 403.
  validate(claims: AccessTokenClaims): AuthContext | false {
    if (this.revocations.isRevoked(claims.sub, claims.gen)) return false;
    return { userId: claims.sub, role: claims.role };
  }
}
