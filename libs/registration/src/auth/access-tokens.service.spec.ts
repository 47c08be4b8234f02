import { PlatformRole } from '@arena/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokensService } from './access-tokens.service';

describe('AccessTokensService', () => {
  const jwt = new JwtService({ secret: 'access-tokens-secret' });
  const now = Date.parse('2026-11-27T09:00:00Z');
  let clock: jest.SpyInstance<number, []>;

  beforeEach(() => {
    clock = jest.spyOn(Date, 'now').mockReturnValue(now);
  });

  afterEach(() => {
    clock.mockRestore();
  });

  const sign = (expiresInSeconds: number, secret = 'access-tokens-secret') => jwt.sign({ sub: 'u1', role: PlatformRole.User }, { secret, expiresIn: expiresInSeconds });

  it('should answer the caller of a valid token, also when it is presented again', () => {
    const tokens = new AccessTokensService(jwt);
    const token = sign(900);
    expect(tokens.verify(token)).toEqual({ userId: 'u1', role: PlatformRole.User });
    const verify = jest.spyOn(jwt, 'verify');
    expect(tokens.verify(token)).toEqual({ userId: 'u1', role: PlatformRole.User });
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });

  it('should refuse a remembered token once it has expired', () => {
    const tokens = new AccessTokensService(jwt);
    const token = sign(60);
    expect(tokens.verify(token)).toBeDefined();
    clock.mockReturnValue(now + 59_000);
    expect(tokens.verify(token)).toBeDefined();
    clock.mockReturnValue(now + 61_000);
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('should refuse a token signed with another key, and a missing or malformed one, every time', () => {
    const tokens = new AccessTokensService(jwt);
    const forged = sign(900, 'someone-elses-secret');
    expect(tokens.verify(forged)).toBeUndefined();
    expect(tokens.verify(forged)).toBeUndefined();
    expect(tokens.verify(undefined)).toBeUndefined();
    expect(tokens.verify('not.a.token')).toBeUndefined();
  });
});
