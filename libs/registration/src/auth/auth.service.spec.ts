import { PlatformRole } from '@arena/common';
import { Logger } from '@nestjs/common';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { UserEntity } from '../users/entities/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { PasswordRehashService } from '../users/password-rehash.service';
import { UsersRepository } from '../users/users.repository';
import { AuthService } from './auth.service';
import { LoginAttemptsService } from './login-attempts.service';
import { TokensService } from './tokens.service';

const stored = Object.assign(new UserEntity(), {
  id: 'user-1',
  email: 'player@arena.test',
  passwordHash: 'hash-of-right-password',
  displayName: 'Player',
  country: 'VN',
  role: PlatformRole.User,
});

function setup(user: UserEntity | null = stored) {
  const users = { findByEmail: jest.fn().mockResolvedValue(user), findById: jest.fn(), insertUnlessEmailTaken: jest.fn() };
  const hasher = {
    hash: jest.fn(async (password: string) => `hash-of-${password}`),
    verify: jest.fn(async (hash: string, password: string) => hash === `hash-of-${password}`),
  };
  const tokens = { issue: jest.fn().mockResolvedValue({ accessToken: 'access', refreshToken: 'id.secret' }), spend: jest.fn() };
  const attempts = { reserve: jest.fn().mockResolvedValue(undefined), refund: jest.fn().mockResolvedValue(undefined) };
  const rehash = { rehashIfStale: jest.fn().mockResolvedValue(undefined) };
  const service = new AuthService(
    users as unknown as UsersRepository,
    hasher as unknown as PasswordHasher,
    tokens as unknown as TokensService,
    attempts as unknown as LoginAttemptsService,
    rehash as unknown as PasswordRehashService,
  );
  return { service, users, hasher, tokens, attempts, rehash };
}

describe('AuthService', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('should return the user and give the attempt back when the password is right', async () => {
    const { service, attempts } = setup();
    await expect(service.verifyCredentials(' Player@Arena.test ', 'right-password', '10.0.0.7')).resolves.toBe(stored);
    expect(attempts.reserve).toHaveBeenCalledWith('player@arena.test', '10.0.0.7');
    expect(attempts.refund).toHaveBeenCalledWith('player@arena.test', '10.0.0.7');
  });

  it('should offer the verified password for a rehash when the password is right', async () => {
    const { service, rehash } = setup();
    await service.verifyCredentials('player@arena.test', 'right-password', '10.0.0.7');
    expect(rehash.rehashIfStale).toHaveBeenCalledWith(stored, 'right-password');
  });

  it('should never rehash when the password is wrong or the email unknown', async () => {
    for (const user of [stored, null]) {
      const { service, rehash } = setup(user);
      await expect(service.verifyCredentials('player@arena.test', 'wrong-password', '10.0.0.7')).rejects.toBeInstanceOf(RegistrationError);
      expect(rehash.rehashIfStale).not.toHaveBeenCalled();
    }
  });

  it('should keep the failure counted and raise invalid credentials when the password is wrong', async () => {
    const { service, attempts } = setup();
    await expect(service.verifyCredentials('player@arena.test', 'wrong-password', '10.0.0.7')).rejects.toMatchObject({
      code: RegistrationErrorCode.InvalidCredentials,
    });
    expect(attempts.reserve).toHaveBeenCalledTimes(1);
    expect(attempts.refund).not.toHaveBeenCalled();
  });

  it('should check the decoy hash and count a failure when the email is unknown', async () => {
    const { service, attempts, hasher } = setup(null);
    const error = await service.verifyCredentials('nobody@arena.test', 'whatever-pass', '10.0.0.7').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistrationError);
    expect(error).toMatchObject({ code: RegistrationErrorCode.InvalidCredentials, message: 'email or password is wrong' });
    expect(hasher.verify).toHaveBeenCalledWith('hash-of-arena-decoy-password', 'whatever-pass');
    expect(attempts.refund).not.toHaveBeenCalled();
  });

  it('should give the attempt back and pass busy on when the hash queue is full and the password was never checked', async () => {
    for (const user of [stored, null]) {
      const { service, attempts, hasher, tokens } = setup(user);
      hasher.verify.mockRejectedValue(new RegistrationError(RegistrationErrorCode.Busy, 'busy', 1));
      await expect(service.verifyCredentials('Player@arena.test', 'wrong-password', '10.0.0.7')).rejects.toMatchObject({
        code: RegistrationErrorCode.Busy,
        retryAfterSeconds: 1,
      });
      expect(attempts.reserve).toHaveBeenCalledWith('player@arena.test', '10.0.0.7');
      expect(attempts.refund).toHaveBeenCalledWith('player@arena.test', '10.0.0.7');
      expect(tokens.issue).not.toHaveBeenCalled();
    }
  });

  it('should raise the rate-limited error without checking the password when the account is blocked', async () => {
    const { service, attempts, users, hasher } = setup();
    const blocked = new RegistrationError(RegistrationErrorCode.TooManyLoginFailures, 'blocked', 120);
    attempts.reserve.mockRejectedValue(blocked);
    await expect(service.verifyCredentials('player@arena.test', 'right-password', '10.0.0.7')).rejects.toMatchObject({
      code: RegistrationErrorCode.TooManyLoginFailures,
      retryAfterSeconds: 120,
    });
    expect(users.findByEmail).not.toHaveBeenCalled();
    expect(hasher.verify).not.toHaveBeenCalled();
  });

  it('should issue tokens and never return the hash when logging in', async () => {
    const { service, tokens } = setup();
    const response = await service.login({ email: 'player@arena.test', password: 'right-password' }, '10.0.0.7');
    expect(response).toEqual({
      user: { id: 'user-1', email: 'player@arena.test', displayName: 'Player', country: 'VN', role: 'user' },
      accessToken: 'access',
      refreshToken: 'id.secret',
    });
    expect(tokens.issue).toHaveBeenCalledWith(stored);
  });

  it('should raise email-taken when the email is already registered', async () => {
    const { service, users, tokens } = setup();
    users.insertUnlessEmailTaken.mockResolvedValue(null);
    await expect(service.register({ email: 'player@arena.test', password: 'long-enough-1', displayName: 'P', country: 'VN' })).rejects.toMatchObject({
      code: RegistrationErrorCode.EmailTaken,
    });
    expect(tokens.issue).not.toHaveBeenCalled();
  });
});
