import { ErrorKind, PlatformRole } from '@arena/common';
import { AppConfig } from '@arena/config';
import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash } from 'crypto';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { UserEntity } from '../users/entities/user.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokensService } from './tokens.service';

const TOKEN_ID = '0b7f3a8e-7d2c-4e51-9c1a-3f6b2d8e4a10';
const sha256 = (value: string) => createHash('sha256').update(value).digest();

function setup() {
  const repository = {
    insert: jest.fn().mockResolvedValue(TOKEN_ID),
    consume: jest.fn().mockResolvedValue(null),
    findReplayedOwner: jest.fn().mockResolvedValue(null),
    revokeAllOfUser: jest.fn().mockResolvedValue(undefined),
  };
  const jwt = new JwtService({ secret: 'unit-secret-unit-secret-unit-secret', signOptions: { expiresIn: 900 } });
  const config = Object.assign(new AppConfig(), { JWT_REFRESH_TTL_SECONDS: 3600 });
  const service = new TokensService(jwt, repository as unknown as RefreshTokensRepository, config);
  return { service, repository, jwt };
}

async function rejection(promise: Promise<unknown>): Promise<RegistrationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RegistrationError);
  return error as RegistrationError;
}

describe('TokensService', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('should store only the hash of the refresh secret when issuing a pair', async () => {
    const { service, repository, jwt } = setup();
    const user = Object.assign(new UserEntity(), { id: 'user-1', role: PlatformRole.Organizer });
    const pair = await service.issue(user, 'family-1');
    const [id, secret] = pair.refreshToken.split('.');
    expect(id).toBe(TOKEN_ID);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    const stored = repository.insert.mock.calls[0][0];
    expect(stored).toMatchObject({ userId: 'user-1', familyId: 'family-1' });
    expect(stored.tokenHash.equals(sha256(secret))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(jwt.verify(pair.accessToken)).toMatchObject({ sub: 'user-1', role: 'organizer' });
  });

  it.each(['garbage', '', '.', 'not-a-uuid.secret', `${TOKEN_ID}.`, `.secret`, `${TOKEN_ID.toUpperCase()}.secret`])(
    'should reject without a database call when the token is malformed (%p)',
    async (token) => {
      const { service, repository } = setup();
      const error = await rejection(service.spend(token));
      expect(error.code).toBe(RegistrationErrorCode.InvalidRefreshToken);
      expect(error.kind).toBe(ErrorKind.Unauthenticated);
      expect(repository.consume).not.toHaveBeenCalled();
      expect(repository.findReplayedOwner).not.toHaveBeenCalled();
      expect(repository.revokeAllOfUser).not.toHaveBeenCalled();
    },
  );

  it('should return the owner and family when the token is live', async () => {
    const { service, repository } = setup();
    repository.consume.mockResolvedValue({ userId: 'user-1', familyId: 'family-1' });
    await expect(service.spend(`${TOKEN_ID}.the-secret`)).resolves.toEqual({ userId: 'user-1', familyId: 'family-1' });
    const [id, hash] = repository.consume.mock.calls[0];
    expect(id).toBe(TOKEN_ID);
    expect((hash as Buffer).equals(sha256('the-secret'))).toBe(true);
    expect(repository.revokeAllOfUser).not.toHaveBeenCalled();
  });

  it('should revoke every token of the owner when a spent token is replayed', async () => {
    const { service, repository } = setup();
    repository.findReplayedOwner.mockResolvedValue('user-1');
    const error = await rejection(service.spend(`${TOKEN_ID}.the-secret`));
    expect(error.code).toBe(RegistrationErrorCode.InvalidRefreshToken);
    expect(repository.revokeAllOfUser).toHaveBeenCalledWith('user-1');
  });

  it('should reject without revoking anything when the token is unknown', async () => {
    const { service, repository } = setup();
    const error = await rejection(service.spend(`${TOKEN_ID}.wrong-secret`));
    expect(error.code).toBe(RegistrationErrorCode.InvalidRefreshToken);
    expect(repository.findReplayedOwner).toHaveBeenCalledTimes(1);
    expect(repository.revokeAllOfUser).not.toHaveBeenCalled();
  });
});
