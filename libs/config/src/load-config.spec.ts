import { loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://arena@localhost/arena',
  REDIS_URL: 'redis://localhost:6379',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('should apply defaults when optional variables are unset', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.JWT_ACCESS_TTL_SECONDS).toBe(900);
    expect(config.CORS_ORIGINS).toEqual([]);
  });

  it('should list every bad variable when several are wrong', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'abc', JWT_SECRET: 'short' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET']) expect(message).toContain(name);
  });

  it('should require the admin password when the admin email is set', () => {
    expect(() => loadConfig({ ...valid, ARENA_ADMIN_EMAIL: 'a@b.co' })).toThrow(/ARENA_ADMIN_PASSWORD/);
  });

  it('should split CORS origins when given a comma list', () => {
    expect(loadConfig({ ...valid, CORS_ORIGINS: 'https://a.org, https://b.org' }).CORS_ORIGINS).toEqual(['https://a.org', 'https://b.org']);
  });

  it('should take auto, pretty or json for LOG_FORMAT and refuse anything else naming it', () => {
    expect(loadConfig(valid).LOG_FORMAT).toBe('auto');
    expect(loadConfig({ ...valid, LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(() => loadConfig({ ...valid, LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be auto, pretty or json/);
  });

  it('should refuse the unsafe sandbox when NODE_ENV is production', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production', SANDBOX_MODE: 'unsafe' })).toThrow(/SANDBOX_MODE=unsafe is refused when NODE_ENV=production/);
    expect(loadConfig({ ...valid, NODE_ENV: 'development', SANDBOX_MODE: 'unsafe' }).SANDBOX_MODE).toBe('unsafe');
  });

  it('should read SANDBOX_ALLOW_SHARED_LIMITS when it is true or false, and refuse anything else', () => {
    expect(loadConfig(valid).SANDBOX_ALLOW_SHARED_LIMITS).toBe(false);
    expect(loadConfig({ ...valid, SANDBOX_ALLOW_SHARED_LIMITS: 'true' }).SANDBOX_ALLOW_SHARED_LIMITS).toBe(true);
    expect(() => loadConfig({ ...valid, SANDBOX_ALLOW_SHARED_LIMITS: 'yes' })).toThrow(/SANDBOX_ALLOW_SHARED_LIMITS must be true or false/);
  });

  it('should read ARENA_ADMIN_FORCE as a boolean when it is true or false', () => {
    expect(loadConfig(valid).ARENA_ADMIN_FORCE).toBe(false);
    expect(loadConfig({ ...valid, ARENA_ADMIN_FORCE: 'true' }).ARENA_ADMIN_FORCE).toBe(true);
    expect(loadConfig({ ...valid, ARENA_ADMIN_FORCE: 'false' }).ARENA_ADMIN_FORCE).toBe(false);
  });

  it('should name ARENA_ADMIN_FORCE when it is neither true nor false', () => {
    expect(() => loadConfig({ ...valid, ARENA_ADMIN_FORCE: 'yes please' })).toThrow(/ARENA_ADMIN_FORCE/);
  });

  it('should name the write limit variables when they are not positive numbers', () => {
    expect(() => loadConfig({ ...valid, WRITE_RATE_LIMIT_BURST: '0', WRITE_RATE_LIMIT_PER_SECOND: 'fast' })).toThrow(/WRITE_RATE_LIMIT_BURST[\s\S]*WRITE_RATE_LIMIT_PER_SECOND/);
    expect(loadConfig({ ...valid, WRITE_RATE_LIMIT_PER_SECOND: '2.5' }).WRITE_RATE_LIMIT_PER_SECOND).toBe(2.5);
  });

  it('should default PASSWORD_HASH_QUEUE to 64, accept 0, and name it when it is negative or not a whole number', () => {
    expect(loadConfig(valid).PASSWORD_HASH_QUEUE).toBe(64);
    expect(loadConfig({ ...valid, PASSWORD_HASH_QUEUE: '0' }).PASSWORD_HASH_QUEUE).toBe(0);
    expect(() => loadConfig({ ...valid, PASSWORD_HASH_QUEUE: '-1' })).toThrow(/PASSWORD_HASH_QUEUE/);
    expect(() => loadConfig({ ...valid, PASSWORD_HASH_QUEUE: 'many' })).toThrow(/PASSWORD_HASH_QUEUE/);
    expect(() => loadConfig({ ...valid, PASSWORD_HASH_QUEUE: '5000' })).toThrow(/PASSWORD_HASH_QUEUE/);
  });

  it('should default BOARD_PUSH_INTERVAL_MS to 500, accept 0, and name it when it is negative, fractional or past a minute', () => {
    expect(loadConfig(valid).BOARD_PUSH_INTERVAL_MS).toBe(500);
    expect(loadConfig({ ...valid, BOARD_PUSH_INTERVAL_MS: '0' }).BOARD_PUSH_INTERVAL_MS).toBe(0);
    for (const bad of ['-1', '2.5', 'often', '60001']) expect(() => loadConfig({ ...valid, BOARD_PUSH_INTERVAL_MS: bad })).toThrow(/BOARD_PUSH_INTERVAL_MS/);
  });

  it("should default the password hash to OWASP's 19 MiB and 2 passes, and refuse less outside NODE_ENV=test", () => {
    const config = loadConfig(valid);
    expect([config.PASSWORD_HASH_MEMORY_KIB, config.PASSWORD_HASH_TIME_COST]).toEqual([19_456, 2]);
    expect(loadConfig({ ...valid, PASSWORD_HASH_MEMORY_KIB: '65536', PASSWORD_HASH_TIME_COST: '3' }).PASSWORD_HASH_MEMORY_KIB).toBe(65_536);
    for (const NODE_ENV of ['production', 'development']) {
      expect(() => loadConfig({ ...valid, NODE_ENV, PASSWORD_HASH_MEMORY_KIB: '1024' })).toThrow(/PASSWORD_HASH_MEMORY_KIB below 19456/);
      expect(() => loadConfig({ ...valid, NODE_ENV, PASSWORD_HASH_TIME_COST: '1' })).toThrow(/PASSWORD_HASH_TIME_COST below 2/);
    }
    const test = loadConfig({ ...valid, NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' });
    expect([test.PASSWORD_HASH_MEMORY_KIB, test.PASSWORD_HASH_TIME_COST]).toEqual([1024, 1]);
    expect(() => loadConfig({ ...valid, NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: 'lots' })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
  });
});
