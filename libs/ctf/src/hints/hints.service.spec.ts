import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { ValueFunction } from '@arena/scoring';
import { ChallengeState } from '../challenges/challenge.enums';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { CtfAccessService } from '../ctf-access.service';
import { CtfErrorCode } from '../ctf.errors';
import { HintEntity } from './entities/hint.entity';
import { HintsRepository, TeamScoreParts } from './hints.repository';
import { BoardCallers } from '../challenges/board-callers';
import { HintsService } from './hints.service';

// One team's ledger: a solve worth 100 plus awards; a hook lets a test slip a concurrent award in before the lock's read.
class Ledger {
  awards: number[] = [];
  unlocked = new Set<string>();
  locks = 0;
  scoreReads = 0;
  onLock: (() => void) | null = null;

  parts(): TeamScoreParts {
    const solve = { function: ValueFunction.Static, value: 100, initial: 0, minimum: 0, decay: 0, solves: 1 };
    return { solves: [solve], awards: this.awards.reduce((sum, value) => sum + value, 0), firstBloods: 0 };
  }
}

function setup(hint: Partial<HintEntity>, endsAt = new Date(Date.now() + 3_600_000)) {
  const ledger = new Ledger();
  const event = { id: 'e1', slug: 'acs', endsAt } as EventEntity;
  const stored = { id: 'h1', challengeId: 'c1', content: 'words', cost: 0, position: 0, ...hint, challenge: { state: ChallengeState.Visible, requirements: [] } };
  const hints = {
    findInEvent: async () => stored,
    withTeamLock: async (_team: string, work: (lock: unknown) => Promise<unknown>) => {
      ledger.locks += 1;
      ledger.onLock?.();
      return work({});
    },
    teamScoreParts: async () => {
      ledger.scoreReads += 1;
      return ledger.parts();
    },
    isUnlocked: async (_lock: unknown, hintId: string) => ledger.unlocked.has(hintId),
    unlock: async (_lock: unknown, unlockedHint: HintEntity) => {
      ledger.awards.push(-unlockedHint.cost);
      ledger.unlocked.add(unlockedHint.id);
    },
  };
  const access = {
    view: async () => ({ event, organiser: false, team: { id: 't1', hidden: false }, frozen: false, cutoff: null }),
    requireTeam: () => ({ id: 't1', hidden: false }),
  };
  const challenges = { teamProgress: async () => ({ solved: new Set(), wrong: new Map(), unlocked: new Set() }) };
  const changed: string[] = [];
  const service = new HintsService(
    hints as unknown as HintsRepository,
    challenges as unknown as ChallengesRepository,
    access as unknown as CtfAccessService,
    { changed: async (eventId: string) => void changed.push(eventId) } as unknown as LeaderboardNotifier,
    { teamChanged: async (eventId: string, teamId: string) => void changed.push(`progress ${eventId} ${teamId}`) } as unknown as BoardCallers,
  );
  const unlock = () => service.unlock({ userId: 'u1' } as AuthContext, 'acs', 'h1');
  return { ledger, unlock, changed };
}

const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: { code: string }) => error.code,
  );

describe('hints service', () => {
  it('should charge the cost once and announce one board change when a team unlocks a hint twice', async () => {
    const { ledger, unlock, changed } = setup({ cost: 30 });
    expect(await unlock()).toEqual({ id: 'h1', content: 'words', cost: 30 });
    await unlock();
    expect(ledger.awards).toEqual([-30]);
    expect([ledger.scoreReads, changed]).toEqual([1, ['progress e1 t1', 'e1']]);
  });

  it('should neither lock nor charge when the hint is free or the event has ended', async () => {
    const free = setup({ cost: 0 });
    await free.unlock();
    const late = setup({ cost: 30 }, new Date(Date.now() - 1000));
    await late.unlock();
    expect([free.ledger.locks, late.ledger.locks, free.ledger.awards.length, late.ledger.awards.length]).toEqual([0, 0, 0, 0]);
  });

  it('should refuse with 409 and charge nothing when the cost exceeds the score', async () => {
    const { ledger, unlock } = setup({ cost: 101 });
    expect(await codeOf(unlock())).toBe(CtfErrorCode.ScoreTooLow);
    expect(ledger.awards).toEqual([]);
  });

  it('should charge when the cost equals the score', async () => {
    const { ledger, unlock } = setup({ cost: 100 });
    await unlock();
    expect(ledger.awards).toEqual([-100]);
  });

  it('should read the score under the lock when an award lands before the lock is taken', async () => {
    const { ledger, unlock } = setup({ cost: 60 });
    ledger.onLock = () => {
      ledger.onLock = null;
      ledger.awards.push(-50);
    };
    expect(await codeOf(unlock())).toBe(CtfErrorCode.ScoreTooLow);
    expect(ledger.awards).toEqual([-50]);
    expect([ledger.locks, ledger.scoreReads]).toEqual([1, 1]);
  });
});
