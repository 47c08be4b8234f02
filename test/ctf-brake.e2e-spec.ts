import { AppConfig } from '@arena/config';
import { CtfError, CtfErrorCode } from '@arena/ctf';
import { redisOptions } from '@arena/jobs';
import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { WrongAttemptsLimiter } from '../libs/ctf/src/attempts/wrong-attempts.limiter';

const refusal = async (work: Promise<void>): Promise<CtfError | null> =>
  work.then(
    () => null,
    (error: CtfError) => error,
  );

// The wrong-flag brake's script against the real redis-server, on an auto-pipelined client as the api runs it.
describe('wrong attempts brake', () => {
  let redis: Redis;
  let limiter: WrongAttemptsLimiter;
  const prefix = process.env.BULLMQ_PREFIX as string;
  const key = (team: string, challenge: string) => `${prefix}:ctf-wrong:${team}:${challenge}`;

  beforeAll(() => {
    redis = new Redis({ ...redisOptions(process.env.REDIS_URL as string), enableAutoPipelining: true });
    limiter = new WrongAttemptsLimiter(redis, Object.assign(new AppConfig(), { BULLMQ_PREFIX: prefix }));
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('should let exactly the budget through when 50 guesses of one team race in one pipeline', async () => {
    const team = randomUUID();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => refusal(limiter.consume(team, 'chal', 10))));
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(10);
    const refused = outcomes.filter((outcome): outcome is CtfError => outcome !== null);
    expect(refused).toHaveLength(40);
    for (const error of refused) {
      expect(error).toBeInstanceOf(CtfError);
      expect(error.code).toBe(CtfErrorCode.TooManyAttempts);
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(Number(await redis.get(key(team, 'chal')))).toBe(50);
  });

  it('should start the window at the first guess and not extend it when more follow', async () => {
    const team = randomUUID();
    await limiter.consume(team, 'chal', 10);
    const ttl = await redis.pttl(key(team, 'chal'));
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await redis.pexpire(key(team, 'chal'), 5_000);
    await limiter.consume(team, 'chal', 10);
    expect(await redis.pttl(key(team, 'chal'))).toBeLessThanOrEqual(5_000);
  });

  it('should give the seconds left rounded up when refusing, and a new budget once the window is over', async () => {
    const team = randomUUID();
    await limiter.consume(team, 'chal', 1);
    // 1.4 s left: rounded up that is 2 s (1 rounded to the nearest or down). What is left when the script runs lies
    // between the two reads around it, however long a loaded machine takes between them.
    await redis.pexpire(key(team, 'chal'), 1_400);
    const leftBefore = await redis.pttl(key(team, 'chal'));
    const refused = await refusal(limiter.consume(team, 'chal', 1));
    const leftAfter = await redis.pttl(key(team, 'chal'));
    expect(refused).toBeInstanceOf(CtfError);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(leftBefore / 1000));
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(Math.ceil(leftAfter / 1000));
    await redis.pexpire(key(team, 'chal'), 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await refusal(limiter.consume(team, 'chal', 1))).toBeNull();
  });

  it('should count each team and challenge apart', async () => {
    const [team, rival] = [randomUUID(), randomUUID()];
    await limiter.consume(team, 'chal', 1);
    expect(await refusal(limiter.consume(team, 'other', 1))).toBeNull();
    expect(await refusal(limiter.consume(rival, 'chal', 1))).toBeNull();
    expect(await refusal(limiter.consume(team, 'chal', 1))).not.toBeNull();
  });
});
