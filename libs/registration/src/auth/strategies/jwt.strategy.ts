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

  validate(claims: AccessTokenClaims): AuthContext {
    return { userId: claims.sub, role: claims.role };
  }
}
