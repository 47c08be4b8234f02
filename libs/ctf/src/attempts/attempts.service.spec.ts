import { LeaderboardNotifier } from '@arena/jobs';
import { Logger } from '@nestjs/common';
import { AuthContext } from '@arena/common';
import { ValueFunction } from '@arena/scoring';
import { TeamsService } from '@arena/teams';
import { BoardCallers } from '../challenges/board-callers';
import { ChallengesService } from '../challenges/challenges.service';
import { FlagKind } from '../challenges/challenge.enums';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { AttemptVerdict } from './attempt-verdict.enum';
import { AttemptLogRepository } from './attempt-log.repository';
import { AttemptsRepository } from './attempts.repository';
import { AttemptsService } from './attempts.service';
import { AttemptsBatcher } from './attempts.batcher';
import { WrongAttemptsLimiter } from './wrong-attempts.limiter';

function setup(
  options: {
    maxAttempts?: number;
    wrong?: number;
    limited?: boolean;
    cutoff?: Date | null;
    solved?: boolean;
    raceLost?: boolean;
    locked?: boolean;
    notifierDown?: boolean;
    teamGone?: 'before' | 'during';
  } = {},
) {
  const calls: string[] = [];
  const event = { id: 'e1', endsAt: new Date(Date.now() + 3_600_000), ctf: { wrongAttemptsPerMinute: 3 } };
  const view = { event, organiser: false, team: { id: 't1', hidden: false }, frozen: Boolean(options.cutoff), cutoff: options.cutoff ?? null };
  const challenge = {
    id: 'c1',
    maxAttempts: options.maxAttempts ?? 0,
    requirements: [],
    valueFunction: ValueFunction.Linear,
    value: 0,
    initial: 100,
    minimum: 10,
    decay: 10,
    flags: [{ kind: FlagKind.Static, content: 'ACS{right}', caseInsensitive: false }],
  };
  const access = { participantView: async () => view, requireTeam: () => view.team };
  // Solves before the cutoff when frozen (1), or all (3): the value answered follows them.
  const solves = (cutoff: Date | null) => (cutoff ? 1 : 3);
  const challenges = {
    forAttempt: async () => challenge,
    solveCount: async (seen: typeof view) => (calls.push(`count ${seen.cutoff ? 'frozen' : 'live'}`), solves(seen.cutoff)),
    noteSolveCount: (seen: typeof view, _id: string, count: number) => calls.push(`noted ${seen.cutoff ? 'frozen' : 'live'} ${count}`),
  };
  // What the attempt told the challenge lists it stored (only changes the list shows are recorded).
  const callers = {
    storing: () => async (change: { solved: string } | { wrong: string } | 'none' | null) => {
      if (change !== 'none') calls.push(change === null ? 'progress unknown' : `progress ${Object.entries(change)[0].join(' ')}`);
    },
  };
  const limiter = {
    consume: async () => {
      calls.push('limit');
      if (options.limited) throw new CtfError(CtfErrorCode.TooManyAttempts, 'slow down', 30);
    },
  };
  const left = () => options.maxAttempts === undefined || options.maxAttempts === 0 || (options.wrong ?? 0) < options.maxAttempts;
  // What the one statement finds: the team's state, the attempts left (a concurrent guess may take the last one).
  const repository = {
    // One row of a batch: the right flag stores the solve (answering the solves before it) unless no attempt is left.
    recordBatch: async (row: { matched: boolean; cutoff: Date | null }) => {
      calls.push(`batch ${row.cutoff ? 'frozen' : 'live'}`);
      if (options.teamGone === 'before') return { teamExists: false, open: true, verdict: null, solvesBefore: null };
      if (options.teamGone === 'during') throw Object.assign(new Error('insert or update on table "solves" violates foreign key constraint'), { code: '23503', severity: 'ERROR' });
      if (options.locked) return { teamExists: true, open: false, verdict: null, solvesBefore: null };
      if (options.solved) return { teamExists: true, open: true, verdict: AttemptVerdict.AlreadySolved, solvesBefore: null };
      if (row.matched)
        return left()
          ? { teamExists: true, open: true, verdict: AttemptVerdict.Correct, solvesBefore: solves(row.cutoff) }
          : { teamExists: true, open: true, verdict: null, solvesBefore: null };
      return { teamExists: true, open: true, verdict: options.raceLost || !left() ? null : AttemptVerdict.Incorrect, solvesBefore: null };
    },
    recordIfSolved: async () => (calls.push('if-solved'), Boolean(options.solved)),
  };
  const service = new AttemptsService(
    repository as unknown as AttemptsRepository,
    {} as AttemptLogRepository,
    access as unknown as CtfAccessService,
    challenges as unknown as ChallengesService,
    limiter as unknown as WrongAttemptsLimiter,
    { record: repository.recordBatch } as unknown as AttemptsBatcher,
    {
      changed: async () => {
        calls.push('notify');
        if (options.notifierDown) throw new Error('Connection is closed.');
      },
    } as unknown as LeaderboardNotifier,
    { onHistoryCheck: () => undefined } as unknown as TeamsService,
    callers as unknown as BoardCallers,
  );
  const submit = (submission: string) => service.attempt({ userId: 'u1' } as AuthContext, 'acs', 'c1', submission, null);
  return { calls, submit };
}

const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: CtfError) => error.code,
  );

describe('attempts service', () => {
  it('should refuse with 403 not-in-team when the team was disbanded before the statement or while it stored the solve', async () => {
    for (const teamGone of ['before', 'during'] as const) {
      const { calls, submit } = setup({ teamGone });
      expect(await codeOf(submit('ACS{right}'))).toBe(CtfErrorCode.NotInTeam);
      // A failed statement may or may not have stored anything: the lists drop the team.
      expect(calls).toEqual(teamGone === 'before' ? ['batch live'] : ['batch live', 'progress unknown']);
    }
  });

  it('should accept the right flag in the batch without asking the limiter when earlier guesses hit the limit, counting its own solve', async () => {
    const { calls, submit } = setup({ limited: true });
    // 3 solves before + this one: CTFd's linear decay, the first solve not counted: 100 - 10 × 3.
    expect(await submit('  ACS{right} ')).toEqual({ status: AttemptVerdict.Correct, value: 70 });
    expect(calls).toEqual(['batch live', 'progress solved c1', 'noted live 4', 'notify']);
  });

  it('should answer correct and log the failure when the leaderboard notice fails after the solve is stored', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { calls, submit } = setup({ notifierDown: true });
      expect(await submit('ACS{right}')).toEqual({ status: AttemptVerdict.Correct, value: 70 });
      expect(calls).toEqual(['batch live', 'progress solved c1', 'noted live 4', 'notify']);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Connection is closed.'));
    } finally {
      warn.mockRestore();
    }
  });

  it('should refuse with 429 and record nothing when a wrong guess is over the limit', async () => {
    const { calls, submit } = setup({ limited: true });
    expect(await codeOf(submit('ACS{wrong}'))).toBe(CtfErrorCode.TooManyAttempts);
    expect(calls).toEqual(['limit', 'if-solved']);
  });

  it('should refuse even the right flag when no attempts are left', async () => {
    const { calls, submit } = setup({ maxAttempts: 2, wrong: 2, limited: true });
    expect(await codeOf(submit('ACS{right}'))).toBe(CtfErrorCode.NoAttemptsLeft);
    expect(calls).toEqual(['batch live']);
  });

  it('should refuse with 403 when a concurrent guess took the last attempt', async () => {
    const { calls, submit } = setup({ maxAttempts: 2, wrong: 1, raceLost: true });
    expect(await codeOf(submit('nope'))).toBe(CtfErrorCode.NoAttemptsLeft);
    expect(calls).toEqual(['limit', 'batch live']);
  });

  it('should answer 404 and store nothing when a prerequisite is unsolved', async () => {
    expect(await codeOf(setup({ locked: true }).submit('ACS{right}'))).toBe(CtfErrorCode.ChallengeNotFound);
    expect(await codeOf(setup({ locked: true }).submit('nope'))).toBe(CtfErrorCode.ChallengeNotFound);
  });

  it('should answer the frozen value when the caller sees a frozen board, and not count its own solve then', async () => {
    const wrong = setup({ cutoff: new Date() });
    expect(await wrong.submit('nope')).toEqual({ status: AttemptVerdict.Incorrect, value: 100 });
    expect(wrong.calls).toEqual(['limit', 'batch frozen', 'progress wrong c1', 'count frozen']);
    const right = setup({ cutoff: new Date() });
    expect(await right.submit('ACS{right}')).toEqual({ status: AttemptVerdict.Correct, value: 100 });
  });

  it('should answer already_solved when the team solved the challenge, even past the brake or the attempts left', async () => {
    const { calls, submit } = setup({ solved: true, limited: true, maxAttempts: 1, wrong: 1 });
    expect(await submit('anything')).toEqual({ status: AttemptVerdict.AlreadySolved, value: 80 });
    expect(await submit('ACS{right}')).toEqual({ status: AttemptVerdict.AlreadySolved, value: 80 });
    expect(calls).toEqual(['limit', 'if-solved', 'count live', 'batch live', 'count live']);
  });
});
