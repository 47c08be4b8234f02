import { Injectable, Logger } from '@nestjs/common';
import { UserDto } from '../users/dto/user.dto';
import { UserEntity } from '../users/entities/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { PasswordRehashService } from '../users/password-rehash.service';
import { UsersRepository } from '../users/users.repository';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { AuthResponseDto } from './dto/auth-response.dto';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { LoginAttemptsService } from './login-attempts.service';
import { TokensService } from './tokens.service';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  // Verified against when the email is unknown, so both paths take as long (not for older, costlier hashes: see the
  // README on PASSWORD_HASH_CONCURRENCY). Made before any request, so the bounded hash queue never turns it away.
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly loginAttempts: LoginAttemptsService,
    private readonly rehash: PasswordRehashService,
  ) {
    this.decoyHash = hasher.hash('arena-decoy-password');
  }

  async register(dto: RegisterDto): Promise<AuthResponseDto> {
    const user = await this.users.insertUnlessEmailTaken({
      email: dto.email,
      passwordHash: await this.hasher.hash(dto.password),
      displayName: dto.displayName,
      country: dto.country,
    });
    if (!user) throw new RegistrationError(RegistrationErrorCode.EmailTaken, 'email is already registered');
    this.logger.log(`user ${user.id} registered`);
    return { user: UserDto.from(user), ...(await this.tokens.issue(user)) };
  }

  /**
   * Checks a password under the failure limit of the account at the client's address; a failed check stays counted,
   * a check never made (the hash queue was full: 503) is given back. A right password stored with older hash
   * parameters is rehashed.
   */
  async verifyCredentials(rawEmail: string, password: string, address: string): Promise<UserEntity> {
    const email = rawEmail.trim().toLowerCase();
    await this.loginAttempts.reserve(email, address);
    const user = await this.users.findByEmail(email);
    const hash = user?.passwordHash ?? (await this.decoyHash);
    const ok = await this.hasher.verify(hash, password).catch(async (error: unknown) => {
      await this.loginAttempts.refund(email, address);
      throw error;
    });
    if (!user || !ok) throw new RegistrationError(RegistrationErrorCode.InvalidCredentials, 'email or password is wrong');
    await Promise.all([this.loginAttempts.refund(email, address), this.rehash.rehashIfStale(user, password)]);
    // Said only to whoever knows the password, so it tells nobody else the account exists.
    if (user.disabledAt) throw new RegistrationError(RegistrationErrorCode.AccountDisabled, 'this account is disabled: contact the platform administrators');
    return user;
  }

  async login(dto: LoginDto, address: string): Promise<AuthResponseDto> {
    const user = await this.verifyCredentials(dto.email, dto.password, address);
    return { user: UserDto.from(user), ...(await this.tokens.issue(user)) };
  }

  async refresh(refreshToken: string): Promise<AuthResponseDto> {
    const { userId, familyId } = await this.tokens.spend(refreshToken);
    const user = await this.users.findById(userId);
    if (!user) throw new RegistrationError(RegistrationErrorCode.InvalidRefreshToken, 'refresh token is invalid');
    if (user.disabledAt) throw new RegistrationError(RegistrationErrorCode.AccountDisabled, 'this account is disabled: contact the platform administrators');
    return { user: UserDto.from(user), ...(await this.tokens.issue(user, familyId)) };
  }
}
