import { AppConfig } from '@arena/config';
import * as argon2 from 'argon2';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';
import { ConcurrencyLimiter } from './concurrency.limiter';
import { passwordHashOptions, PasswordHasher } from './password-hasher';

// The defaults, as production runs them (the e2e setup lowers them for speed; these specs do not).
const DEFAULTS = { PASSWORD_HASH_MEMORY_KIB: 19_456, PASSWORD_HASH_TIME_COST: 2 };
const PASSWORD_HASH_OPTIONS = passwordHashOptions(DEFAULTS);
const hasherWith = (concurrency = 1, queue = 64, cost = DEFAULTS) =>
  new PasswordHasher({ PASSWORD_HASH_CONCURRENCY: concurrency, PASSWORD_HASH_QUEUE: queue, ...cost } as AppConfig);

// The encoded parameters of an argon2 PHC string ($argon2id$v=19$m=…,p=…,t=…$salt$hash), in a fixed order.
const paramsOf = (hash: string) => hash.split('$')[3].split(',').sort().join(',');

describe('PasswordHasher', () => {
  it('should hash with argon2id at 19 MiB, 2 passes and parallelism 1 when hashing a password', async () => {
    const hash = await hasherWith().hash('correct-horse-battery');
    expect(hash.startsWith('$argon2id$v=19$')).toBe(true);
    expect(paramsOf(hash)).toBe('m=19456,p=1,t=2');
    expect(PASSWORD_HASH_OPTIONS).toEqual({ type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it('should hash at the configured memory and passes, and need a rehash of a default-cost hash, when they are set', async () => {
    const cheap = hasherWith(1, 64, { PASSWORD_HASH_MEMORY_KIB: 1024, PASSWORD_HASH_TIME_COST: 1 });
    const hash = await cheap.hash('correct-horse-battery');
    expect(paramsOf(hash)).toBe('m=1024,p=1,t=1');
    expect(cheap.needsRehash(hash)).toBe(false);
    expect(cheap.needsRehash(await hasherWith().hash('correct-horse-battery'))).toBe(true);
    await expect(hasherWith().verify(hash, 'correct-horse-battery')).resolves.toBe(true);
  });

  it('should verify the right password and refuse a wrong one when the hash is current', async () => {
    const hasher = hasherWith();
    const hash = await hasher.hash('correct-horse-battery');
    await expect(hasher.verify(hash, 'correct-horse-battery')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'wrong-horse-battery')).resolves.toBe(false);
  });

  it('should answer false instead of throwing when the stored hash is malformed', async () => {
    await expect(hasherWith().verify('not-a-hash', 'correct-horse-battery')).resolves.toBe(false);
  });

  it('should still verify a hash made with the library defaults (64 MiB, t=3, p=4) when it predates the new parameters', async () => {
    const old = await argon2.hash('correct-horse-battery', { type: argon2.argon2id });
    expect(paramsOf(old)).toBe('m=65536,p=4,t=3');
    await expect(hasherWith().verify(old, 'correct-horse-battery')).resolves.toBe(true);
  });

  it('should need a rehash when the hash has the old parameters or another variant, and not when it is current', async () => {
    const hasher = hasherWith();
    expect(hasher.needsRehash(await argon2.hash('pw-pw-pw-pw', { type: argon2.argon2id }))).toBe(true);
    expect(hasher.needsRehash(await argon2.hash('pw-pw-pw-pw', { ...PASSWORD_HASH_OPTIONS, timeCost: 3 }))).toBe(true);
    expect(hasher.needsRehash(await argon2.hash('pw-pw-pw-pw', { ...PASSWORD_HASH_OPTIONS, type: argon2.argon2i }))).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('pw-pw-pw-pw'))).toBe(false);
  });

  it('should pass every hash and check through the PASSWORD_HASH_CONCURRENCY lanes when hashing or verifying', async () => {
    const run = jest.spyOn(ConcurrencyLimiter.prototype, 'run');
    try {
      const hasher = hasherWith(3);
      const hash = await hasher.hash('pw-pw-pw-pw');
      await hasher.verify(hash, 'pw-pw-pw-pw');
      expect(run).toHaveBeenCalledTimes(2);
      expect((hasher as unknown as { lanes: { limit: number } }).lanes.limit).toBe(3);
    } finally {
      run.mockRestore();
    }
  });

  it('should throw busy with a retry delay instead of answering false when PASSWORD_HASH_QUEUE checks already wait', async () => {
    const hasher = hasherWith(1, 1);
    const hash = await hasher.hash('pw-pw-pw-pw');
    const admitted = [hasher.verify(hash, 'pw-pw-pw-pw'), hasher.verify(hash, 'wrong-wrong')];
    const refused = hasher.verify(hash, 'pw-pw-pw-pw');
    await expect(refused).rejects.toBeInstanceOf(RegistrationError);
    await expect(refused).rejects.toMatchObject({ code: RegistrationErrorCode.Busy, retryAfterSeconds: 1 });
    await expect(hasher.hash('pw-pw-pw-pw')).rejects.toMatchObject({ code: RegistrationErrorCode.Busy });
    await expect(Promise.all(admitted)).resolves.toEqual([true, false]);
  });
});
