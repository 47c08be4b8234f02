import { AppConfig } from '@arena/config';
import { REDIS } from '@arena/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import Redis from 'ioredis';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';

// KEYS: the failure counters; ARGV[1]: the window (ms), ARGV[2..]: each counter's limit. Refused while any counter is
// at its limit (answers {ms left, 1-based index}) without counting the refusal; otherwise counts the attempt in each.
const RESERVE = `for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 1]) then
    local left = redis.call('PTTL', key)
    if left < 0 then redis.call('PEXPIRE', key, ARGV[1]) left = tonumber(ARGV[1]) end
    return {left, i}
  end
end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('PEXPIRE', key, ARGV[1], 'NX')
end
return {0, 0}`;

// Gives an attempt back only while its window lives: a DECR on an expired key would recreate it without a TTL.
const REFUND = `for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('DECR', key) end
end
return 0`;

const MESSAGES = [
  'too many failed logins for this account from this address; try again later',
  'too many failed logins from this address; try again later',
  'too many failed logins for this account; try again later',
];

/**
 * Counts failed logins in Redis (fixed windows of LOGIN_FAILURE_WINDOW_SECONDS) three ways: per account and client
 * address (LOGIN_FAILURES_PER_ACCOUNT: whoever knows a player's email can only slow their own address), per address
 * over every account (LOGIN_FAILURES_PER_ADDRESS: guessing across accounts is bounded, while successful sign-ins of
 * many players behind one NAT never count), and per account over every address (LOGIN_FAILURES_PER_ACCOUNT_TOTAL:
 * guessing one password from many addresses is bounded too). IPv6 addresses count per /64. Each attempt takes a slot
 * before its password is checked and gives it back when the password was right, so concurrent guesses cannot
 * overshoot; a refused attempt takes nothing, so retrying early never extends a block.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private keys(email: string, address: string): string[] {
    const prefix = `${this.config.BULLMQ_PREFIX}:login-failures`;
    const ip = normalizeIp(address);
    return [`${prefix}:${email}:${ip}`, `${prefix}-address:${ip}`, `${prefix}-account:${email}`];
  }

  /** Takes an attempt from every budget it counts against; a 429 (with Retry-After) when one is spent. */
  async reserve(email: string, address: string): Promise<void> {
    const { LOGIN_FAILURE_WINDOW_SECONDS, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURES_PER_ACCOUNT_TOTAL } = this.config;
    const keys = this.keys(email, address);
    const limits = [LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURES_PER_ACCOUNT_TOTAL];
    const [leftMs, index] = (await this.redis.eval(RESERVE, keys.length, ...keys, LOGIN_FAILURE_WINDOW_SECONDS * 1000, ...limits)) as [number, number];
    if (index > 0) {
      throw new RegistrationError(RegistrationErrorCode.TooManyLoginFailures, MESSAGES[index - 1], Math.max(1, Math.ceil(leftMs / 1000)));
    }
  }

  /** Gives back the attempt of a login whose password was right (or was never checked): only failures count. */
  async refund(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await this.redis.eval(REFUND, keys.length, ...keys);
  }
}
