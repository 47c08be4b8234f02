import { ChangeListener, ChangeScope, LeaderboardNotifier } from '@arena/jobs';
import { ChallengeBoardService } from './challenge-board.service';
import { ChallengesRepository } from './challenges.repository';

function setup() {
  const loads: string[] = [];
  let listener: ChangeListener = () => undefined;
  const notifier = { onChanged: (added: ChangeListener) => (listener = added), onDefinitionsChanged: () => undefined };
  const repository = {
    findForBoard: async (eventId: string) => (loads.push(`challenges ${eventId}`), []),
    solveCounts: async (eventId: string, cutoff: Date | null) => (loads.push(`counts ${eventId} ${cutoff ? 'frozen' : 'live'}`), new Map([['c1', loads.length]])),
    firstBloods: async () => new Map(),
  };
  const board = new ChallengeBoardService(repository as unknown as ChallengesRepository, notifier as unknown as LeaderboardNotifier);
  return { board, loads, changed: (eventId: string, scope: ChangeScope) => listener(eventId, scope) };
}

describe('ChallengeBoardService', () => {
  it('should load the challenges and the solves once when many readers list at once', async () => {
    const { board, loads } = setup();
    await Promise.all(Array.from({ length: 50 }, () => Promise.all([board.challenges('e1'), board.solves('e1', null)])));
    expect(loads).toEqual(['challenges e1', 'counts e1 live']);
  });

  it('should reload the solves but keep the challenges when a solve changes the scores', async () => {
    const { board, loads, changed } = setup();
    await Promise.all([board.challenges('e1'), board.solves('e1', null)]);
    changed('e1', ChangeScope.Scores);
    await Promise.all([board.challenges('e1'), board.solves('e1', null)]);
    expect(loads).toEqual(['challenges e1', 'counts e1 live', 'counts e1 live']);
  });

  it('should reload the challenges too when anything else changes', async () => {
    const { board, loads, changed } = setup();
    await Promise.all([board.challenges('e1'), board.solves('e1', null)]);
    changed('e1', ChangeScope.All);
    await Promise.all([board.challenges('e1'), board.solves('e1', null)]);
    expect(loads).toEqual(['challenges e1', 'counts e1 live', 'challenges e1', 'counts e1 live']);
  });

  it('should keep the boards of other events when one event changes', async () => {
    const { board, loads, changed } = setup();
    await Promise.all([board.challenges('e1'), board.challenges('e2')]);
    changed('e1', ChangeScope.All);
    await Promise.all([board.challenges('e1'), board.challenges('e2')]);
    expect(loads).toEqual(['challenges e1', 'challenges e2', 'challenges e1']);
  });

  it('should keep the solves of each cutoff apart when participants see a frozen board and organisers the live one', async () => {
    const { board, loads } = setup();
    const freezeAt = new Date();
    const [frozen, live] = await Promise.all([board.solves('e1', freezeAt), board.solves('e1', null)]);
    expect(loads).toEqual(['counts e1 frozen', 'counts e1 live']);
    expect([frozen.counts.get('c1'), live.counts.get('c1')]).toEqual([1, 2]);
  });

  it("should answer a wrong flag's count from the last load without waiting when a solve has just invalidated it", async () => {
    const { board, loads, changed } = setup();
    expect(await board.recentSolveCount('e1', null, 'c1')).toBe(1);
    changed('e1', ChangeScope.Solves);
    // The last count at once; the reload runs behind it.
    expect(await board.recentSolveCount('e1', null, 'c1')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(loads).toEqual(['counts e1 live', 'counts e1 live']);
  });

  it('should reload the solves at most once per gap however many solves a storm brings', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const { board, loads, changed } = setup();
      await board.recentSolveCount('e1', null, 'c1');
      for (let solve = 0; solve < 100; solve += 1) {
        changed('e1', ChangeScope.Solves);
        await board.recentSolveCount('e1', null, 'c1');
        jest.advanceTimersByTime(5);
        await new Promise((resolve) => setImmediate(resolve));
      }
      // 100 solves over 500 ms: the first load, then one per 100 ms.
      expect(loads.length).toBeGreaterThanOrEqual(5);
      expect(loads.length).toBeLessThanOrEqual(6);
      // A reader after the last change still gets a load that started after it.
      changed('e1', ChangeScope.Solves);
      const fresh = board.solves('e1', null);
      jest.advanceTimersByTime(100);
      await fresh;
      expect(loads.length).toBeLessThanOrEqual(7);
      expect((await fresh).counts.get('c1')).toBe(loads.length);
    } finally {
      jest.useRealTimers();
    }
  });

  it("should never answer less than this process's own solves reached, until a change other than scores", async () => {
    const { board, changed } = setup();
    await board.recentSolveCount('e1', null, 'c1');
    board.noteSolveCount('e1', null, 'c1', 7);
    changed('e1', ChangeScope.Solves);
    expect(await board.recentSolveCount('e1', null, 'c1')).toBe(7);
    expect(await board.recentSolveCount('e1', new Date(), 'c1')).not.toBe(7);
    changed('e1', ChangeScope.All);
    expect(await board.recentSolveCount('e1', null, 'c1')).toBeLessThan(7);
  });

  it('should answer the same objects when a reload finds the same challenges and solve facts, new ones when they differ', async () => {
    let listener: ChangeListener = () => undefined;
    const notifier = { onChanged: (added: ChangeListener) => (listener = added), onDefinitionsChanged: () => undefined };
    const found = { name: 'warmup', counts: 1, blood: 't1' };
    const repository = {
      findForBoard: async () => [{ id: 'c1', name: found.name }],
      solveCounts: async () => new Map([['c1', found.counts]]),
      firstBloods: async () => new Map([['c1', { teamId: found.blood, teamName: 'Hanoi', at: new Date('2026-12-05T00:00:00Z') }]]),
    };
    const board = new ChallengeBoardService(repository as unknown as ChallengesRepository, notifier as unknown as LeaderboardNotifier);
    const read = () => Promise.all([board.challenges('e1'), board.solves('e1', null)]);
    const [challenges, solves] = await read();
    listener('e1', ChangeScope.All);
    const [same, sameSolves] = await read();
    expect(same).toBe(challenges);
    expect(sameSolves).toBe(solves);
    found.name = 'warmup 2';
    found.blood = 't2';
    listener('e1', ChangeScope.All);
    const [renamed, reblooded] = await read();
    expect(renamed).not.toBe(challenges);
    expect(renamed[0]).toMatchObject({ name: 'warmup 2' });
    expect(reblooded).not.toBe(solves);
    expect(reblooded.bloods.get('c1')?.teamId).toBe('t2');
    found.counts = 2;
    listener('e1', ChangeScope.Scores);
    expect((await board.solves('e1', null)).counts.get('c1')).toBe(2);
  });
});
