import { PlatformRole } from '@arena/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@arena/config';
import Redis from 'ioredis';
import { AccessTokensService } from './access-tokens.service';
import { TokenRevocations } from './token-revocations.service';

// Revocations kept in memory only: this spec never publishes them.
const fakeRedis = {
  multi: () => ({
    hset: function () {
      return this;
    },
    publish: function () {
      return this;
    },
    exec: () => Promise.resolve([]),
  }),
} as unknown as Redis;
const newRevocations = () => new TokenRevocations(fakeRedis, { BULLMQ_PREFIX: 'spec', JWT_ACCESS_TTL_SECONDS: 900 } as AppConfig);

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
    const tokens = new AccessTokensService(jwt, newRevocations());
    const token = sign(900);
    expect(tokens.verify(token)).toEqual({ userId: 'u1', role: PlatformRole.User });
    const verify = jest.spyOn(jwt, 'verify');
    expect(tokens.verify(token)).toEqual({ userId: 'u1', role: PlatformRole.User });
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });

  it('should refuse a remembered token once it has expired', () => {
    const tokens = new AccessTokensService(jwt, newRevocations());
    const token = sign(60);
    expect(tokens.verify(token)).toBeDefined();
    clock.mockReturnValue(now + 59_000);
    expect(tokens.verify(token)).toBeDefined();
    clock.mockReturnValue(now + 61_000);
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('should refuse a token signed with another key, and a missing or malformed one, every time', () => {
    const tokens = new AccessTokensService(jwt, newRevocations());
    const forged = sign(900, 'someone-elses-secret');
    expect(tokens.verify(forged)).toBeUndefined();
    expect(tokens.verify(forged)).toBeUndefined();
    expect(tokens.verify(undefined)).toBeUndefined();
    expect(tokens.verify('not.a.token')).toBeUndefined();
  });

  it('should refuse a token, remembered or not, once its generation is revoked, and accept one of the new generation', async () => {
    const revocations = newRevocations();
    const tokens = new AccessTokensService(jwt, revocations);
    const old = jwt.sign({ sub: 'u1', role: PlatformRole.Admin, gen: 1 }, { expiresIn: 900 });
    const unclaimed = jwt.sign({ sub: 'u1', role: PlatformRole.Admin }, { expiresIn: 900 });
    expect(tokens.verify(old)).toBeDefined();
    await revocations.revoke('u1', 2);
    expect([tokens.verify(old), tokens.verify(unclaimed)]).toEqual([undefined, undefined]);
    expect(tokens.verify(jwt.sign({ sub: 'u1', role: PlatformRole.User, gen: 2 }, { expiresIn: 900 }))).toEqual({ userId: 'u1', role: PlatformRole.User });
    expect(tokens.verify(jwt.sign({ sub: 'u2', role: PlatformRole.User }, { expiresIn: 900 }))).toBeDefined();
    // Past an access token's lifetime the entry is forgotten (every token it refused has expired).
    clock.mockReturnValue(now + 901_000);
    expect(revocations.isRevoked('u1', 1)).toBe(false);
  });

  it('should grant a verified token’s user, generation and expiry, and nothing for a revoked one', async () => {
    const revocations = newRevocations();
    const tokens = new AccessTokensService(jwt, revocations);
    const token = jwt.sign({ sub: 'u1', role: PlatformRole.User, gen: 3 }, { expiresIn: 900 });
    expect(tokens.grant(token)).toEqual({ userId: 'u1', generation: 3, expiresAt: now + 900_000 });
    expect(tokens.grant(sign(900))).toEqual({ userId: 'u1', generation: 0, expiresAt: now + 900_000 });
    await revocations.revoke('u1', 4);
    expect([tokens.grant(token), tokens.grant(undefined), tokens.grant('not.a.token')]).toEqual([null, null, null]);
  });

  it('should tell revocation listeners the user (streams end on it) until they unsubscribe, a failing one not stopping the others', async () => {
    const revocations = newRevocations();
    const heard: string[] = [];
    revocations.onRevoked(() => {
      throw new Error('listener bug');
    });
    const stop = revocations.onRevoked((userId) => heard.push(userId));
    await revocations.revoke('u1', 2);
    // The same or an older revocation again changes nothing: not told twice.
    await revocations.revoke('u1', 2);
    stop();
    await revocations.revoke('u2', 1);
    expect(heard).toEqual(['u1']);
    expect(revocations.isRevoked('u2', 0)).toBe(true);
  });
});
