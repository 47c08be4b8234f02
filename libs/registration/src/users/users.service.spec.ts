import { AuthContext, PlatformRole } from '@arena/common';
import { RegistrationErrorCode } from '../registration.errors';
import { UserEntity } from './entities/user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const admin: AuthContext = { userId: 'admin-1', role: PlatformRole.Admin };

const user = (role: PlatformRole) =>
  Object.assign(new UserEntity(), {
    id: 'user-1',
    email: 'player@arena.test',
    passwordHash: '$argon2id$secret',
    displayName: 'Player',
    country: 'TH',
    role,
  });

function setup() {
  const repository = { setRole: jest.fn(), findById: jest.fn(), findByEmail: jest.fn() };
  return { service: new UsersService(repository as unknown as UsersRepository), repository };
}

describe('UsersService', () => {
  it('should return the user with the new role and no hash when the role is set', async () => {
    const { service, repository } = setup();
    repository.setRole.mockResolvedValue(user(PlatformRole.Organizer));
    const result = await service.setRole(admin, 'user-1', PlatformRole.Organizer);
    expect(repository.setRole).toHaveBeenCalledWith('user-1', PlatformRole.Organizer);
    expect(result).toEqual({ id: 'user-1', email: 'player@arena.test', displayName: 'Player', country: 'TH', role: 'organizer' });
  });

  it('should raise user-not-found when setting the role of an unknown id', async () => {
    const { service, repository } = setup();
    repository.setRole.mockResolvedValue(null);
    await expect(service.setRole(admin, 'missing', PlatformRole.Organizer)).rejects.toMatchObject({
      code: RegistrationErrorCode.UserNotFound,
    });
  });

  it('should raise user-not-found when the caller of me no longer exists', async () => {
    const { service, repository } = setup();
    repository.findById.mockResolvedValue(null);
    await expect(service.me({ userId: 'gone', role: PlatformRole.User })).rejects.toMatchObject({
      code: RegistrationErrorCode.UserNotFound,
    });
  });

  it('should look emails up in lower case when finding by email', async () => {
    const { service, repository } = setup();
    repository.findByEmail.mockResolvedValue(null);
    await service.findByEmail('  Player@Arena.TEST ');
    expect(repository.findByEmail).toHaveBeenCalledWith('player@arena.test');
  });
});
