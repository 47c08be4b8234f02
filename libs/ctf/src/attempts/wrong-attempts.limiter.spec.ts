import { AppConfig } from '@arena/config';
import Redis from 'ioredis';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { WrongAttemptsLimiter } from './wrong-attempts.limiter';

// Just enough of ioredis' MULTI for the limiter: INCR, PEXPIRE … NX and PTTL, applied in order.
class FakeRedis {
  readonly counts = new Map<string, number>();
  readonly ttls = new Map<string, number>();

  multi() {
    const ops: Array<() => number> = [];
    const chain = {
      incr: (key: string) => (ops.push(() => this.counts.set(key, (this.counts.get(key) ?? 0) + 1).get(key) as number), chain),
      pexpire: (key: string, ms: number) => (ops.push(() => (this.ttls.has(key) ? 0 : (this.ttls.set(key, ms), 1))), chain),
      pttl: (key: string) => (ops.push(() => this.ttls.get(key) ?? -1), chain),
      exec: async () => ops.map((op) => [null, op()]),
    };
    return chain;
  }
}

const refusal = async (work: Promise<void>): Promise<CtfError | null> => work.then(() => null, (error: CtfError) => error);

describe('wrong attempts limiter', () => {
  let redis: FakeRedis;
  let limiter: WrongAttemptsLimiter;

  beforeEach(() => {
    redis = new FakeRedis();
    limiter = new WrongAttemptsLimiter(redis as unknown as Redis, { BULLMQ_PREFIX: 'arena' } as AppConfig);
  });

  it('should allow the budget and refuse the next attempt with 429 when a team guesses too often', async () => {
    for (let i = 0; i < 3; i += 1) expect(await refusal(limiter.consume('team', 'chal', 3))).toBeNull();
    const refused = await refusal(limiter.consume('team', 'chal', 3));
    expect(refused).toBeInstanceOf(CtfError);
    expect(refused).toMatchObject({ code: CtfErrorCode.TooManyAttempts, retryAfterSeconds: 60 });
  });

  it('should give the seconds left in the window rounded up when refusing', async () => {
    await limiter.consume('team', 'chal', 1);
    redis.ttls.set('arena:ctf-wrong:team:chal', 1_200);
    expect(await refusal(limiter.consume('team', 'chal', 1))).toMatchObject({ retryAfterSeconds: 2 });
    redis.ttls.set('arena:ctf-wrong:team:chal', 0);
    expect(await refusal(limiter.consume('team', 'chal', 1))).toMatchObject({ retryAfterSeconds: 1 });
  });

  it('should count each team and challenge apart when several guess', async () => {
    await limiter.consume('team', 'chal', 1);
    expect(await refusal(limiter.consume('team', 'other', 1))).toBeNull();
    expect(await refusal(limiter.consume('rival', 'chal', 1))).toBeNull();
    expect(await refusal(limiter.consume('team', 'chal', 1))).not.toBeNull();
  });

  it('should start the window at the first attempt and not extend it when more follow', async () => {
    await limiter.consume('team', 'chal', 10);
    redis.ttls.set('arena:ctf-wrong:team:chal', 5_000);
    await limiter.consume('team', 'chal', 10);
    expect(redis.ttls.get('arena:ctf-wrong:team:chal')).toBe(5_000);
  });
});
