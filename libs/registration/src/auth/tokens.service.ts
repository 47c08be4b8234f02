import { AppConfig } from '@arena/config';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'crypto';
import { UserEntity } from '../users/entities/user.entity';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { TokenPairDto } from './dto/auth-response.dto';
import { AccessTokenClaims } from './strategies/jwt.strategy';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Access tokens (JWT) and rotating refresh tokens (`<id>.<secret>`, stored as a hash). */
@Injectable()
export class TokensService {
  private readonly logger = new Logger(TokensService.name);

  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly config: AppConfig,
  ) {}

  async issue(user: UserEntity, familyId: string = randomUUID()): Promise<TokenPairDto> {
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, gen: user.tokenGeneration };
    const secret = randomBytes(32).toString('base64url');
    const id = await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.JWT_REFRESH_TTL_SECONDS * 1000),
    });
    return { accessToken: await this.jwt.signAsync(claims), refreshToken: `${id}.${secret}` };
  }

  /** Spends a refresh token; a replayed one revokes every token of its owner. */
  async spend(refreshToken: string): Promise<{ userId: string; familyId: string }> {
    const [id, secret] = refreshToken.split('.');
    const invalid = new RegistrationError(RegistrationErrorCode.InvalidRefreshToken, 'refresh token is invalid, expired or spent');
    if (!id || !secret || !UUID.test(id)) throw invalid;
    const hash = sha256(secret);
    const consumed = await this.refreshTokens.consume(id, hash);
    if (consumed) return consumed;
    const replayedBy = await this.refreshTokens.findReplayedOwner(id, hash);
    if (replayedBy) {
      this.logger.warn(`refresh token ${id} replayed: revoking every token of user ${replayedBy}`);
      await this.refreshTokens.revokeAllOfUser(replayedBy);
    }
    throw invalid;
  }
}
