import { AuthContext, PlatformRole } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

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
      secretOrKey: config.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): AuthContext {
    return { userId: claims.sub, role: claims.role };
  }
}
