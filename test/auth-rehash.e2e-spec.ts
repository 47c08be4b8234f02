import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { UsersRepository } from '../libs/registration/src/users/users.repository';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, PRODUCTION_HASH_ENV, TestApp } from './utils/test-app';

// argon2's defaults, which every hash stored before the move to OWASP's parameters has.
const OLD_PARAMS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

// The parameters of an argon2 PHC string ($argon2id$v=19$m=…,p=…,t=…$salt$hash), in a fixed order.
const paramsOf = (hash: string) => hash.split('$')[3].split(',').sort().join(',');
const CURRENT = 'm=19456,p=1,t=2';
const OLD = 'm=65536,p=4,t=3';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auth rehash (older password hashes move to the current parameters at login)', () => {
  let app: TestApp;
  let db: DataSource;

  const login = (email: string, password: string) => app.http().post('/api/v1/auth/login').send({ email, password });
  const refresh = (refreshToken: string) => app.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const storedHash = async (id: string): Promise<string> =>
    (await db.query<Array<{ password_hash: string }>>('SELECT password_hash FROM users WHERE id = $1', [id]))[0].password_hash;
  /** A registered user whose stored hash has the old parameters, as if registered before the change. */
  const legacyUser = async (): Promise<TestUser & { oldHash: string }> => {
    const user = await registerUser(app);
    const oldHash = await argon2.hash(user.password, OLD_PARAMS);
    // A rehash-flagged write, as the migration would have left it: the user's sessions stay alive.
    await db.transaction(async (manager) => {
      await manager.query(`SELECT set_config('arena.password_rehash', 'on', true)`);
      await manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, oldHash]);
    });
    return { ...user, oldHash };
  };

  beforeAll(async () => {
    app = await createTestApp(PRODUCTION_HASH_ENV);
    db = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it('should store a hash with the current parameters that still verifies when a user with an old hash logs in', async () => {
    const user = await legacyUser();
    expect(paramsOf(await storedHash(user.id))).toBe(OLD);
    await login(user.email, user.password).expect(200);
    const rehashed = await storedHash(user.id);
    expect(rehashed.startsWith('$argon2id$v=19$')).toBe(true);
    expect(paramsOf(rehashed)).toBe(CURRENT);
    await expect(argon2.verify(rehashed, user.password)).resolves.toBe(true);
    // Same password: the next login works, and leaves the (current) hash alone.
    await login(user.email, user.password).expect(200);
    expect(await storedHash(user.id)).toBe(rehashed);
  });

  it("should keep the user's other sessions when the login rehashes the password", async () => {
    const user = await legacyUser();
    await login(user.email, user.password).expect(200);
    expect(paramsOf(await storedHash(user.id))).toBe(CURRENT);
    // Was: the trigger that ends every session on a password change took the rehash for one.
    await refresh(user.refreshToken).expect(200);
  });

  it('should still end every session when the password itself changes', async () => {
    const user = await registerUser(app);
    await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, await argon2.hash('another-password-1')]);
    await refresh(user.refreshToken).expect(401);
  });

  it('should never rehash when the password is wrong', async () => {
    const user = await legacyUser();
    await login(user.email, 'wrong-password-123').expect(401);
    expect(await storedHash(user.id)).toBe(user.oldHash);
  });

  it('should leave a changed hash alone when the rehash read the one before', async () => {
    const user = await legacyUser();
    const changed = await argon2.hash('changed-password-1');
    await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, changed]);
    const rehashed = await argon2.hash(user.password);
    await expect(app.app.get(UsersRepository).replaceHashOfSamePassword(user.id, user.oldHash, rehashed)).resolves.toBe(false);
    expect(await storedHash(user.id)).toBe(changed);
  });

  it("should keep a password change that commits while the login's rehash waits for the row", async () => {
    const user = await legacyUser();
    const changed = await argon2.hash('changed-password-1');
    const change = db.createQueryRunner();
    await change.connect();
    try {
      // The change holds the row; the login reads the committed (old) hash, verifies it and queues its rehash behind.
      await change.startTransaction();
      await change.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, changed]);
      const loggingIn = login(user.email, user.password).then((response) => response);
      await waitForRehashBlocked(db);
      await change.commitTransaction();
      expect((await loggingIn).status).toBe(200);
    } finally {
      if (change.isTransactionActive) await change.rollbackTransaction();
      await change.release();
    }
    expect(await storedHash(user.id)).toBe(changed);
    await login(user.email, 'changed-password-1').expect(200);
    await login(user.email, user.password).expect(401);
  });
});

/** Waits until a backend waits on a row lock to update users' password_hash (the login's rehash). */
async function waitForRehashBlocked(db: DataSource): Promise<void> {
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    const rows = await db.query<unknown[]>(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'UPDATE "users"%password_hash%'`);
    if (rows.length > 0) return;
    if (Date.now() > giveUpAt) throw new Error('the login never reached its rehash');
    await sleep(20);
  }
}
