import { ErrorKind } from '@arena/common';
import { AppConfig } from '@arena/config';
import Redis from 'ioredis';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { LoginAttemptsService } from './login-attempts.service';

/** A Redis stand-in whose MULTI answers `incr` with `count` and `pttl` with `ttlMs`. */
function setup(count: number, ttlMs: number) {
  const chain = {
    incr: jest.fn().mockReturnThis(),
    pexpire: jest.fn().mockReturnThis(),
    pttl: jest.fn().mockReturnThis(),
    exec: jest.fn().mockResolvedValue([
      [null, count],
      [null, 1],
      [null, ttlMs],
    ]),
  };
  const redis = { multi: jest.fn(() => chain), eval: jest.fn().mockResolvedValue(0) };
  const config = Object.assign(new AppConfig(), { BULLMQ_PREFIX: 'unit', LOGIN_FAILURES_PER_ACCOUNT: 10, LOGIN_FAILURE_WINDOW_SECONDS: 900 });
  return { service: new LoginAttemptsService(redis as unknown as Redis, config), redis, chain };
}

describe('LoginAttemptsService', () => {
  it('should count the attempt in a 15-minute window keyed by the account and address when reserving', async () => {
    const { service, chain } = setup(1, 900_000);
    await expect(service.reserve('player@arena.test', '10.1.2.3')).resolves.toBeUndefined();
    expect(chain.incr).toHaveBeenCalledWith('unit:login-failures:player@arena.test:10.1.2.3');
    expect(chain.pexpire).toHaveBeenCalledWith('unit:login-failures:player@arena.test:10.1.2.3', 900_000, 'NX');
  });

  it('should key an IPv6 client by its /64 when reserving', async () => {
    const { service, chain } = setup(1, 900_000);
    await service.reserve('player@arena.test', '2001:db8:1:2:aaaa::1');
    await service.reserve('player@arena.test', '2001:db8:1:2:bbbb::2');
    const [first, second] = chain.incr.mock.calls.map(([key]: [string]) => key);
    expect(first).toBe(second);
    expect(first).not.toContain('aaaa');
  });

  it('should allow the attempt when it is the 10th of the window', async () => {
    const { service } = setup(10, 60_000);
    await expect(service.reserve('player@arena.test', '10.1.2.3')).resolves.toBeUndefined();
  });

  it('should raise a rate-limited error with retryAfterSeconds when the budget is spent', async () => {
    const { service } = setup(11, 61_500);
    const error = await service.reserve('player@arena.test', '10.1.2.3').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistrationError);
    expect(error).toMatchObject({ kind: ErrorKind.RateLimited, code: RegistrationErrorCode.TooManyLoginFailures, retryAfterSeconds: 62 });
  });

  it('should ask for at least one second when the window is about to end', async () => {
    const { service } = setup(11, 10);
    await expect(service.reserve('player@arena.test', '10.1.2.3')).rejects.toMatchObject({ retryAfterSeconds: 1 });
  });

  it('should give the attempt back only while its window lives when refunding', async () => {
    const { service, redis } = setup(1, 900_000);
    await service.refund('player@arena.test', '10.1.2.3');
    const [script, keys, key] = redis.eval.mock.calls[0];
    expect(keys).toBe(1);
    expect(key).toBe('unit:login-failures:player@arena.test:10.1.2.3');
    expect(script).toMatch(/EXISTS[\s\S]*DECR/);
  });
});
