import { AuthContext, Page, PlatformRole } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { TokenRevocations } from '../auth/token-revocations.service';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { AdminUserDto, ListUsersDto } from './dto/admin-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UserDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly revocations: TokenRevocations,
  ) {}

  async get(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new RegistrationError(RegistrationErrorCode.UserNotFound, `user ${id} not found`);
    return user;
  }

  async findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findByEmail(email.trim().toLowerCase());
  }

  async me(auth: AuthContext): Promise<UserDto> {
    return UserDto.from(await this.get(auth.userId));
  }

  async updateProfile(auth: AuthContext, dto: UpdateProfileDto): Promise<UserDto> {
    const user = await this.users.updateProfile(auth.userId, { displayName: dto.displayName, country: dto.country });
    if (!user) throw new RegistrationError(RegistrationErrorCode.UserNotFound, `user ${auth.userId} not found`);
    return UserDto.from(user);
  }

  // Only admins reach these two (route role gate, which re-reads the role).
  async list(_auth: AuthContext, query: ListUsersDto): Promise<Page<AdminUserDto>> {
    const [items, total] = await this.users.search({ q: query.q, role: query.role }, query.limit, query.offset);
    return { items: items.map(AdminUserDto.fromEntity), total };
  }

  /** The caller's platform role as stored now (null when disabled or gone): the token's may be older. */
  activeRole(auth: AuthContext): Promise<PlatformRole | null> {
    return this.users.findActiveRole(auth.userId);
  }

  /** True when the caller is a platform admin now: a demoted or disabled admin's token grants nothing (one read, admins only). */
  async isPlatformAdmin(auth: AuthContext | undefined): Promise<boolean> {
    if (auth?.role !== PlatformRole.Admin) return false;
    return (await this.activeRole(auth)) === PlatformRole.Admin;
  }

  /**
   * A role change or a disable refuses the user's access tokens at once (the client refreshes and gets the new role,
   * or a 403 when disabled); disabling also ends every refresh token.
   */
  async update(auth: AuthContext, id: string, dto: UpdateUserDto): Promise<AdminUserDto> {
    if (dto.role === undefined && dto.disabled === undefined) throw new RegistrationError(RegistrationErrorCode.InvalidUserUpdate, 'role or disabled is required');
    // An admin locking themselves out (or dropping their own role) would leave the platform without one.
    if (id === auth.userId && (dto.disabled === true || (dto.role !== undefined && dto.role !== PlatformRole.Admin))) {
      throw new RegistrationError(RegistrationErrorCode.OwnAccount, 'disabled: admins cannot disable their own account or drop their own admin role');
    }
    const user = await this.users.setAccount(id, dto);
    if (!user) throw new RegistrationError(RegistrationErrorCode.UserNotFound, `user ${id} not found`);
    if (dto.disabled) await this.refreshTokens.revokeAllOfUser(id);
    if (dto.disabled || dto.role !== undefined) await this.revocations.revoke(id, user.tokenGeneration);
    return AdminUserDto.fromEntity(user);
  }
}
