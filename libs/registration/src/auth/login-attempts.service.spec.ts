import { ErrorKind } from '@arena/common';
import { AppConfig } from '@arena/config';
import Redis from 'ioredis';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { LoginAttemptsService } from './login-attempts.service';

/** A Redis stand-in whose reserve script answers `[ms left, index of the spent budget (0: none)]`. */
function setup(leftMs = 0, spent = 0) {
  const redis = { eval: jest.fn().mockResolvedValue([leftMs, spent]) };
  const config = Object.assign(new AppConfig(), {
    BULLMQ_PREFIX: 'unit',
    LOGIN_FAILURES_PER_ACCOUNT: 10,
    LOGIN_FAILURES_PER_ADDRESS: 500,
    LOGIN_FAILURES_PER_ACCOUNT_TOTAL: 100,
    LOGIN_FAILURE_WINDOW_SECONDS: 900,
  });
  return { service: new LoginAttemptsService(redis as unknown as Redis, config), redis };
}

describe('LoginAttemptsService', () => {
  it('should count the attempt per account and address, per address and per account in a 15-minute window when reserving', async () => {
    const { service, redis } = setup();
    await expect(service.reserve('player@arena.test', '10.1.2.3')).resolves.toBeUndefined();
    const [, count, ...args] = redis.eval.mock.calls[0];
    expect(count).toBe(3);
    expect(args).toEqual([
      'unit:login-failures:player@arena.test:10.1.2.3',
      'unit:login-failures-address:10.1.2.3',
      'unit:login-failures-account:player@arena.test',
      900_000,
      10,
      500,
      100,
    ]);
  });

  it('should key an IPv6 client by its /64 when reserving', async () => {
    const { service, redis } = setup();
    await service.reserve('player@arena.test', '2001:db8:1:2:aaaa::1');
    await service.reserve('player@arena.test', '2001:db8:1:2:bbbb::2');
    const [first, second] = redis.eval.mock.calls.map((call: unknown[]) => call[2]);
    expect(first).toBe(second);
    expect(first).not.toContain('aaaa');
  });

  it('should raise a rate-limited error with retryAfterSeconds naming the spent budget when one is spent', async () => {
    const { service } = setup(61_500, 2);
    const error = await service.reserve('player@arena.test', '10.1.2.3').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistrationError);
    expect(error).toMatchObject({ kind: ErrorKind.RateLimited, code: RegistrationErrorCode.TooManyLoginFailures, retryAfterSeconds: 62 });
    expect((error as Error).message).toMatch(/from this address/);
  });

  it('should ask for at least one second when the window is about to end', async () => {
    const { service } = setup(10, 1);
    await expect(service.reserve('player@arena.test', '10.1.2.3')).rejects.toMatchObject({ retryAfterSeconds: 1 });
  });

  it('should check every budget before counting any, so a refused attempt counts nowhere', async () => {
    const { service, redis } = setup();
    await service.reserve('player@arena.test', '10.1.2.3');
    const [script] = redis.eval.mock.calls[0];
    expect(script.indexOf('return {left, i}')).toBeLessThan(script.indexOf('INCR'));
  });

  it('should give the attempt back to each budget only while its window lives when refunding', async () => {
    const { service, redis } = setup();
    await service.refund('player@arena.test', '10.1.2.3');
    const [script, keys, ...names] = redis.eval.mock.calls[0];
    expect(keys).toBe(3);
    expect(names[0]).toBe('unit:login-failures:player@arena.test:10.1.2.3');
    expect(script).toMatch(/EXISTS', key[\s\S]*DECR/);
  });
});
