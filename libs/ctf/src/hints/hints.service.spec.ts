import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { ChallengeState } from '../challenges/challenge.enums';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { CtfAccessService } from '../ctf-access.service';
import { CtfErrorCode } from '../ctf.errors';
import { CtfStandingsService } from '../standings/ctf-standings.service';
import { HintEntity } from './entities/hint.entity';
import { AwardTotals, HintsRepository } from './hints.repository';
import { HintsService } from './hints.service';

// One team's ledger: solve points plus awards; hooks let a test slip a concurrent award in at a chosen moment.
class Ledger {
  solvePoints = 100;
  awards: number[] = [];
  unlocked = new Set<string>();
  locks = 0;
  scoreReads = 0;
  onScoreRead: (() => void) | null = null;
  onLock: (() => void) | null = null;

  totals(): AwardTotals {
    return { count: this.awards.length, sum: this.awards.reduce((sum, value) => sum + value, 0) };
  }
}

function setup(hint: Partial<HintEntity>, endsAt = new Date(Date.now() + 3_600_000)) {
  const ledger = new Ledger();
  const event = { id: 'e1', slug: 'acs', endsAt } as EventEntity;
  const stored = { id: 'h1', challengeId: 'c1', content: 'words', cost: 0, position: 0, ...hint, challenge: { state: ChallengeState.Visible, requirements: [] } };
  const hints = {
    findInEvent: async () => stored,
    awardTotals: async () => ledger.totals(),
    withTeamLock: async (_team: string, work: (lock: unknown) => Promise<unknown>) => {
      ledger.locks += 1;
      ledger.onLock?.();
      return work({});
    },
    isUnlocked: async (_lock: unknown, hintId: string) => ledger.unlocked.has(hintId),
    unlock: async (_lock: unknown, unlockedHint: HintEntity) => {
      ledger.awards.push(-unlockedHint.cost);
      ledger.unlocked.add(unlockedHint.id);
    },
  };
  const standings = {
    liveScore: async () => {
      ledger.scoreReads += 1;
      const score = ledger.solvePoints + ledger.totals().sum;
      ledger.onScoreRead?.();
      return score;
    },
  };
  const access = { view: async () => ({ event, organiser: false, team: { id: 't1', hidden: false }, frozen: false, cutoff: null }), requireTeam: () => ({ id: 't1', hidden: false }) };
  const challenges = { teamProgress: async () => ({ solved: new Set(), wrong: new Map(), unlocked: new Set() }) };
  const service = new HintsService(
    hints as unknown as HintsRepository,
    challenges as unknown as ChallengesRepository,
    access as unknown as CtfAccessService,
    standings as unknown as CtfStandingsService,
    { changed: async () => undefined } as unknown as LeaderboardNotifier,
  );
  const unlock = () => service.unlock({ userId: 'u1' } as AuthContext, 'acs', 'h1');
  return { ledger, unlock };
}

const codeOf = (work: Promise<unknown>) => work.then(() => null, (error: { code: string }) => error.code);

describe('hints service', () => {
  it('should charge the cost once when a team unlocks a hint twice', async () => {
    const { ledger, unlock } = setup({ cost: 30 });
    expect(await unlock()).toEqual({ id: 'h1', content: 'words', cost: 30 });
    await unlock();
    expect(ledger.awards).toEqual([-30]);
  });

  it('should neither lock nor charge when the hint is free or the event has ended', async () => {
    const free = setup({ cost: 0 });
    await free.unlock();
    const late = setup({ cost: 30 }, new Date(Date.now() - 1000));
    await late.unlock();
    expect([free.ledger.locks, late.ledger.locks, free.ledger.awards.length, late.ledger.awards.length]).toEqual([0, 0, 0, 0]);
  });

  it('should refuse with 409 when an award lands between the score read and the lock', async () => {
    const { ledger, unlock } = setup({ cost: 60 });
    ledger.onLock = () => {
      ledger.onLock = null;
      ledger.awards.push(-50);
    };
    expect(await codeOf(unlock())).toBe(CtfErrorCode.ScoreTooLow);
    expect(ledger.awards).toEqual([-50]);
  });

  it('should read the score again when an award lands while it is computed', async () => {
    const { ledger, unlock } = setup({ cost: 60 });
    ledger.onScoreRead = () => {
      ledger.onScoreRead = null;
      ledger.awards.push(-50);
    };
    expect(await codeOf(unlock())).toBe(CtfErrorCode.ScoreTooLow);
    expect(ledger.scoreReads).toBe(2);
    expect(ledger.locks).toBe(1);
  });

  it('should charge when the score still covers the cost after a concurrent award', async () => {
    const { ledger, unlock } = setup({ cost: 50 });
    ledger.onScoreRead = () => {
      ledger.onScoreRead = null;
      ledger.awards.push(-20);
    };
    ledger.onLock = () => {
      ledger.onLock = null;
      ledger.awards.push(-30);
    };
    await unlock();
    expect(ledger.awards).toEqual([-20, -30, -50]);
  });
});
