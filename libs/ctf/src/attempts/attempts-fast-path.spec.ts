import { AuthContext, PlatformRole } from '@arena/common';
import { AccessTokensService, TokenRevocations } from '@arena/registration';
import { JwtService } from '@nestjs/jwt';
import { FastifyRequest } from 'fastify';
import { AttemptVerdict } from './attempt-verdict.enum';
import { AttemptsFastPath } from './attempts-fast-path';
import { AttemptsService } from './attempts.service';

const CHALLENGE = '5f0c1a3e-8b7d-4c2a-9e61-0d4f2b7a9c10';

function setup() {
  const jwt = new JwtService({ secret: 'fast-path-secret' });
  const calls: Array<[AuthContext, string, string, string, string | null]> = [];
  const attempts = {
    attempt: async (...args: [AuthContext, string, string, string, string | null]) => {
      calls.push(args);
      return { status: AttemptVerdict.Incorrect, value: 100 };
    },
  };
  const path = new AttemptsFastPath(attempts as unknown as AttemptsService, new AccessTokensService(jwt, { isRevoked: () => false } as unknown as TokenRevocations));
  const token = jwt.sign({ sub: 'u1', role: PlatformRole.User });
  const request = (overrides: { body?: unknown; id?: string; authorization?: string | undefined } = {}) =>
    ({
      body: 'body' in overrides ? overrides.body : { submission: ' ACS{guess} ' },
      params: { slug: 'acs-2026', id: overrides.id ?? CHALLENGE },
      headers: { authorization: 'authorization' in overrides ? overrides.authorization : `Bearer ${token}` },
      ip: '10.0.0.7',
    }) as unknown as FastifyRequest;
  return { path, calls, request, jwt, token };
}

describe('AttemptsFastPath', () => {
  it('should hand a well-formed attempt to the service with the caller, the untrimmed submission and the ip', async () => {
    const { path, calls, request } = setup();
    await expect(path.take(request())).resolves.toEqual({ status: AttemptVerdict.Incorrect, value: 100 });
    expect(calls).toEqual([[{ userId: 'u1', role: PlatformRole.User }, 'acs-2026', CHALLENGE, ' ACS{guess} ', '10.0.0.7']]);
  });

  it('should take the longest submission the DTO allows and an empty one', () => {
    const { path, request } = setup();
    expect(path.take(request({ body: { submission: 'x'.repeat(1000) } }))).toBeInstanceOf(Promise);
    expect(path.take(request({ body: { submission: '' } }))).toBeInstanceOf(Promise);
  });

  it.each([
    ['a missing submission', { body: {} }],
    ['a number', { body: { submission: 7 } }],
    ['an extra field', { body: { submission: 'g', teamId: 't2' } }],
    ['a submission over 1000 characters', { body: { submission: 'x'.repeat(1001) } }],
    ['an array body', { body: [{ submission: 'g' }] }],
    ['no body', { body: undefined }],
    ['an id that is not a UUID', { id: 'not-a-uuid' }],
    ['no token', { authorization: undefined }],
    ['another scheme', { authorization: 'Basic dTpw' }],
    ['a forged token', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.AAAA' }],
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
});
