import { AuthContext, PlatformRole } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { jwtKey } from '../jwt-key';

/** The claims of an access token. */
export interface AccessTokenClaims {
  /** The user's id. */
  sub: string;
  /** The platform role when issued. */
  role: PlatformRole;
  /** The user's token generation when issued (absent in tokens issued before the claim: 0); see TokenRevocations. */
  gen?: number;
}

/** The caller of a token whose signature and expiry passed, with its token generation (see TokenRevocations). */
export interface VerifiedCaller extends AuthContext {
  generation: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: with a plain string jsonwebtoken first tries (and fails) to read it as a public key on every request.
      secretOrKey: jwtKey(config) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  // The generation goes to JwtAuthGuard, which checks it against its app's revocations: passport keeps one strategy per
  // name for the whole process (the last app made), so the strategy cannot hold per-app state.
  validate(claims: AccessTokenClaims): VerifiedCaller {
    return { userId: claims.sub, role: claims.role, generation: claims.gen ?? 0 };
  }
}
