import { AuthContext, PlatformRole } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UserDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

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

  // Only admins reach this (route role gate); the role takes effect with the user's next token.
  async setRole(_auth: AuthContext, id: string, role: PlatformRole): Promise<UserDto> {
    const user = await this.users.setRole(id, role);
    if (!user) throw new RegistrationError(RegistrationErrorCode.UserNotFound, `user ${id} not found`);
    return UserDto.from(user);
  }
}
