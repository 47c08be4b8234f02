import { AuthContext, PlatformRole } from '@arena/common';
import { AccessTokensService, TokenRevocations } from '@arena/registration';
import { JwtService } from '@nestjs/jwt';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ChallengeListFastPath } from './challenge-list-fast-path';
import { ChallengesService } from './challenges.service';

function setup() {
  const jwt = new JwtService({ secret: 'fast-path-secret' });
  const calls: Array<[AuthContext, string]> = [];
  const now = { json: undefined as string | undefined };
  const challenges = {
    listJson: async (...args: [AuthContext, string]) => {
      calls.push(args);
      return '[]';
    },
    listJsonNow: (...args: [AuthContext, string]) => {
      calls.push(args);
      if (now.json === 'refused') throw new Error('join a team of this event first');
      return now.json;
    },
  };
  const path = new ChallengeListFastPath(challenges as unknown as ChallengesService, new AccessTokensService(jwt, { isRevoked: () => false } as unknown as TokenRevocations));
  const token = jwt.sign({ sub: 'u1', role: PlatformRole.User });
  const request = (overrides: { method?: string; authorization?: string | undefined } = {}) =>
    ({
      method: overrides.method ?? 'GET',
      params: { slug: 'acs-2026' },
      headers: { authorization: 'authorization' in overrides ? overrides.authorization : `Bearer ${token}` },
    }) as unknown as FastifyRequest;
  return { path, calls, request, jwt, now };
}

describe('ChallengeListFastPath', () => {
  it('should hand a signed-in list read to the service with the caller and the slug', async () => {
    const { path, calls, request } = setup();
    await expect(path.take(request())).resolves.toBe('[]');
    expect(calls).toEqual([[{ userId: 'u1', role: PlatformRole.User }, 'acs-2026']]);
  });

  it.each([
    ['no token', { authorization: undefined }],
    ['another scheme', { authorization: 'Basic dTpw' }],
    ['a forged token', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.AAAA' }],
    ['a HEAD request', { method: 'HEAD' }],
  ])('should leave %s to Nest and call nothing', (_case, overrides) => {
    const { path, calls, request } = setup();
    expect(path.take(request(overrides))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('should leave an expired token to Nest', () => {
    const { path, calls, request, jwt } = setup();
    const expired = jwt.sign({ sub: 'u1', role: PlatformRole.User, exp: Math.floor(Date.now() / 1000) - 10 });
    expect(path.take(request({ authorization: `Bearer ${expired}` }))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  describe('serveNow', () => {
    const reply = () => {
      const sent: { code?: number; type?: string; body?: unknown } = {};
      const fake = {
        code: (code: number) => ((sent.code = code), fake),
        type: (type: string) => ((sent.type = type), fake),
        send: (body: unknown) => ((sent.body = body), fake),
      };
      return { sent, fake: fake as unknown as FastifyReply };
    };

    it('should answer the text the service has in memory for the caller, as JSON', () => {
      const { path, calls, request, now } = setup();
      now.json = '[{"name":"warmup"}]';
      const { sent, fake } = reply();
      expect(path.serveNow(request(), fake)).toBe(true);
      expect(sent).toEqual({ code: 200, type: 'application/json; charset=utf-8', body: '[{"name":"warmup"}]' });
      expect(calls).toEqual([[{ userId: 'u1', role: PlatformRole.User }, 'acs-2026']]);
      path.onModuleDestroy();
    });

    it('should leave the request alone when the service has nothing in memory for it, or refuses it', () => {
      for (const json of [undefined, 'refused']) {
        const { path, request, now } = setup();
        now.json = json;
        const { sent, fake } = reply();
        expect(path.serveNow(request(), fake)).toBe(false);
        expect(sent).toEqual({});
      }
    });

    it.each([
      ['no token', { authorization: undefined }],
      ['a forged token', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.AAAA' }],
      ['a HEAD request', { method: 'HEAD' }],
    ])('should leave %s alone without asking the service', (_case, overrides) => {
      const { path, calls, request, now } = setup();
      now.json = '[]';
      const { sent, fake } = reply();
      expect(path.serveNow(request(overrides), fake)).toBe(false);
      expect(sent).toEqual({});
      expect(calls).toEqual([]);
    });
  });
});
