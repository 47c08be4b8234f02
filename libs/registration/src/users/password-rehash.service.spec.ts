import { PlatformRole } from '@arena/common';
import { Logger } from '@nestjs/common';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { PasswordRehashService } from './password-rehash.service';
import { UsersRepository } from './users.repository';

const userWith = (passwordHash: string) =>
  Object.assign(new UserEntity(), { id: 'user-1', email: 'p@arena.test', passwordHash, displayName: 'P', country: 'VN', role: PlatformRole.User });

function setup(stale: boolean) {
  const hasher = { needsRehash: jest.fn().mockReturnValue(stale), hash: jest.fn().mockResolvedValue('fresh-hash') };
  const users = { replaceHashOfSamePassword: jest.fn().mockResolvedValue(true) };
  const service = new PasswordRehashService(hasher as unknown as PasswordHasher, users as unknown as UsersRepository);
  return { service, hasher, users };
}

describe('PasswordRehashService', () => {
  let errors: jest.SpyInstance;
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());

  it('should store a new hash only if the read one is still stored when the hash is stale', async () => {
    const { service, hasher, users } = setup(true);
    const user = userWith('old-hash');
    await service.rehashIfStale(user, 'right-password');
    expect(hasher.hash).toHaveBeenCalledWith('right-password');
    expect(users.replaceHashOfSamePassword).toHaveBeenCalledWith('user-1', 'old-hash', 'fresh-hash');
    expect(user.passwordHash).toBe('fresh-hash');
  });

  it('should neither hash nor write when the hash is current', async () => {
    const { service, hasher, users } = setup(false);
    await service.rehashIfStale(userWith('current-hash'), 'right-password');
    expect(hasher.hash).not.toHaveBeenCalled();
    expect(users.replaceHashOfSamePassword).not.toHaveBeenCalled();
  });

  it('should keep the user as read when a concurrent change won the row', async () => {
    const { service, users } = setup(true);
    users.replaceHashOfSamePassword.mockResolvedValue(false);
    const user = userWith('old-hash');
    await service.rehashIfStale(user, 'right-password');
    expect(user.passwordHash).toBe('old-hash');
  });

  it('should log and not throw when the rehash fails', async () => {
    const { service, users } = setup(true);
    users.replaceHashOfSamePassword.mockRejectedValue(new Error('connection terminated'));
    await expect(service.rehashIfStale(userWith('old-hash'), 'right-password')).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('connection terminated'));
  });
});
