import { AuthContext, PlatformRole } from '@arena/common';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { TokenRevocations } from '../auth/token-revocations.service';
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
    disabledAt: null,
    tokenGeneration: 3,
    createdAt: new Date('2026-11-01T00:00:00Z'),
  });

function setup() {
  const repository = { setAccount: jest.fn(), findById: jest.fn(), findByEmail: jest.fn() };
  const refreshTokens = { revokeAllOfUser: jest.fn() };
  const revocations = { revoke: jest.fn() };
  return {
    service: new UsersService(repository as unknown as UsersRepository, refreshTokens as unknown as RefreshTokensRepository, revocations as unknown as TokenRevocations),
    repository,
    refreshTokens,
    revocations,
  };
}

describe('UsersService', () => {
  it('should return the user with the new role and no hash when the role is set', async () => {
    const { service, repository, refreshTokens } = setup();
    repository.setAccount.mockResolvedValue(user(PlatformRole.Organizer));
    const result = await service.update(admin, 'user-1', { role: PlatformRole.Organizer });
    expect(repository.setAccount).toHaveBeenCalledWith('user-1', { role: PlatformRole.Organizer });
    expect(result).toEqual({
      id: 'user-1',
      email: 'player@arena.test',
      displayName: 'Player',
      country: 'TH',
      role: 'organizer',
      disabled: false,
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    expect(refreshTokens.revokeAllOfUser).not.toHaveBeenCalled();
  });

  it("should refuse the user's older access tokens when the role is set or the user is disabled", async () => {
    const { service, repository, revocations } = setup();
    repository.setAccount.mockResolvedValue(user(PlatformRole.User));
    await service.update(admin, 'user-1', { role: PlatformRole.User });
    await service.update(admin, 'user-1', { disabled: true });
    expect(revocations.revoke.mock.calls).toEqual([
      ['user-1', 3],
      ['user-1', 3],
    ]);
    revocations.revoke.mockClear();
    await service.update(admin, 'user-1', { disabled: false });
    expect(revocations.revoke).not.toHaveBeenCalled();
  });

  it('should raise user-not-found when setting the role of an unknown id', async () => {
    const { service, repository } = setup();
    repository.setAccount.mockResolvedValue(null);
    await expect(service.update(admin, 'missing', { role: PlatformRole.Organizer })).rejects.toMatchObject({
      code: RegistrationErrorCode.UserNotFound,
    });
  });

  it('should end every refresh token of the user when it is disabled', async () => {
    const { service, repository, refreshTokens } = setup();
    repository.setAccount.mockResolvedValue({ ...user(PlatformRole.User), disabledAt: new Date() });
    const result = await service.update(admin, 'user-1', { disabled: true });
    expect(result.disabled).toBe(true);
    expect(refreshTokens.revokeAllOfUser).toHaveBeenCalledWith('user-1');
  });

  it('should refuse an admin disabling or demoting their own account, and an empty change', async () => {
    const { service, repository } = setup();
    await expect(service.update(admin, 'admin-1', { disabled: true })).rejects.toMatchObject({ code: RegistrationErrorCode.OwnAccount });
    await expect(service.update(admin, 'admin-1', { role: PlatformRole.User })).rejects.toMatchObject({ code: RegistrationErrorCode.OwnAccount });
    await expect(service.update(admin, 'user-1', {})).rejects.toMatchObject({ code: RegistrationErrorCode.InvalidUserUpdate });
    expect(repository.setAccount).not.toHaveBeenCalled();
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
