import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext } from '@arena/common';
import { ValueFunction } from '@arena/scoring';
import { ChallengesService } from '../challenges/challenges.service';
import { FlagKind } from '../challenges/challenge.enums';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { AttemptVerdict } from './attempt-verdict.enum';
import { AttemptsRepository } from './attempts.repository';
import { AttemptsService } from './attempts.service';
import { WrongAttemptsLimiter } from './wrong-attempts.limiter';

function setup(options: { maxAttempts?: number; wrong?: number; limited?: boolean; cutoff?: Date | null; solved?: boolean; raceLost?: boolean } = {}) {
  const calls: string[] = [];
  const event = { id: 'e1', endsAt: new Date(Date.now() + 3_600_000), ctf: { wrongAttemptsPerMinute: 3 } };
  const view = { event, organiser: false, team: { id: 't1', hidden: false }, frozen: Boolean(options.cutoff), cutoff: options.cutoff ?? null };
  const challenge = {
    id: 'c1',
    maxAttempts: options.maxAttempts ?? 0,
    valueFunction: ValueFunction.Linear,
    value: 0,
    initial: 100,
    minimum: 10,
    decay: 10,
    flags: [{ kind: FlagKind.Static, content: 'ACS{right}', caseInsensitive: false }],
  };
  const access = { participantView: async () => view, requireTeam: () => view.team };
  const challenges = { openForTeam: async () => ({ challenge, solved: new Set(options.solved ? ['c1'] : []), wrong: options.wrong ?? 0 }) };
  const limiter = {
    consume: async () => {
      calls.push('limit');
      if (options.limited) throw new CtfError(CtfErrorCode.TooManyAttempts, 'slow down', 30);
    },
  };
  // Solves before the cutoff when frozen (1), or all (3): the value answered follows them.
  const solves = (cutoff: Date | null) => (cutoff ? 1 : 3);
  const repository = {
    recordCorrect: async (_row: unknown, cutoff: Date | null) => (calls.push(`correct ${cutoff ? 'frozen' : 'live'}`), { verdict: AttemptVerdict.Correct, solves: solves(cutoff) }),
    // The conditional upsert finds no attempt left when a concurrent guess took the last one.
    recordWrong: async (_row: unknown, _max: number, cutoff: Date | null) => (
      calls.push(`wrong ${cutoff ? 'frozen' : 'live'}`),
      { wrong: options.raceLost ? null : (options.wrong ?? 0) + 1, solves: solves(cutoff) }
    ),
    recordAfterSolve: async () => void calls.push('after-solve'),
    solveCount: async (_id: string, cutoff: Date | null) => (calls.push(`count ${cutoff ? 'frozen' : 'live'}`), cutoff ? 1 : 3),
  };
  const service = new AttemptsService(
    repository as unknown as AttemptsRepository,
    access as unknown as CtfAccessService,
    challenges as unknown as ChallengesService,
    limiter as unknown as WrongAttemptsLimiter,
    { changed: async () => undefined } as unknown as LeaderboardNotifier,
  );
  const submit = (submission: string) => service.attempt({ userId: 'u1' } as AuthContext, 'acs', 'c1', submission, null);
  return { calls, submit };
}

const codeOf = (work: Promise<unknown>) => work.then(() => null, (error: CtfError) => error.code);

describe('attempts service', () => {
  it('should accept the right flag without asking the limiter when earlier guesses hit the limit', async () => {
    const { calls, submit } = setup({ limited: true });
    expect(await submit('  ACS{right} ')).toEqual({ status: AttemptVerdict.Correct, value: 80 });
    expect(calls).toEqual(['correct live']);
  });

  it('should refuse with 429 and record nothing when a wrong guess is over the limit', async () => {
    const { calls, submit } = setup({ limited: true });
    expect(await codeOf(submit('ACS{wrong}'))).toBe(CtfErrorCode.TooManyAttempts);
    expect(calls).toEqual(['limit']);
  });

  it('should refuse even the right flag when no attempts are left', async () => {
    const { calls, submit } = setup({ maxAttempts: 2, wrong: 2, limited: true });
    expect(await codeOf(submit('ACS{right}'))).toBe(CtfErrorCode.NoAttemptsLeft);
    expect(calls).toEqual([]);
  });

  it('should refuse with 403 when a concurrent guess took the last attempt', async () => {
    const { calls, submit } = setup({ maxAttempts: 2, wrong: 1, raceLost: true });
    expect(await codeOf(submit('nope'))).toBe(CtfErrorCode.NoAttemptsLeft);
    expect(calls).toEqual(['limit', 'wrong live']);
  });

  it('should answer the frozen value when the caller sees a frozen board', async () => {
    const { calls, submit } = setup({ cutoff: new Date() });
    expect(await submit('nope')).toEqual({ status: AttemptVerdict.Incorrect, value: 100 });
    expect(calls).toEqual(['limit', 'wrong frozen']);
  });

  it('should answer already_solved without any check when the team solved the challenge', async () => {
    const { calls, submit } = setup({ solved: true, limited: true, maxAttempts: 1, wrong: 1 });
    expect(await submit('anything')).toEqual({ status: AttemptVerdict.AlreadySolved, value: 80 });
    expect(calls).toEqual(['after-solve', 'count live']);
  });
});
