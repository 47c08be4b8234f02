import { ValueFunction } from '@arena/scoring';
import { ChallengeState, FlagKind } from './challenge.enums';
import { BoardFacts, toDetail, toView } from './challenge-view';
import { ChallengeEntity } from './entities/challenge.entity';
import { HintEntity } from '../hints/entities/hint.entity';

const hint = (id: string, cost: number, content = `content of ${id}`) => Object.assign(new HintEntity(), { id, cost, content, position: 0 });

const challenge = (fields: Partial<ChallengeEntity> = {}) =>
  Object.assign(new ChallengeEntity(), {
    id: 'c1',
    name: 'rsa',
    category: 'crypto',
    description: 'd',
    author: null,
    tags: [],
    connectionInfo: null,
    valueFunction: ValueFunction.Linear,
    value: 0,
    initial: 100,
    minimum: 10,
    decay: 10,
    maxAttempts: 0,
    state: ChallengeState.Visible,
    position: 0,
    requirements: [],
    hints: [],
    files: [],
    flags: [{ id: 'f1', challengeId: 'c1', kind: FlagKind.Static, content: 'ACS{secret}', caseInsensitive: false }],
    ...fields,
  });

const facts = (fields: Partial<BoardFacts> = {}): BoardFacts => ({
  slug: 'acs',
  counts: new Map(),
  bloods: new Map(),
  solved: new Set(),
  wrong: new Map(),
  unlocked: new Set(),
  revealHints: false,
  organiser: false,
  ...fields,
});

describe('challenge view', () => {
  it('should give null attempts left when attempts are unlimited', () => {
    expect(toView(challenge({ maxAttempts: 0 }), facts({ wrong: new Map([['c1', 40]]) })).attemptsLeft).toBeNull();
  });

  it('should count attempts left down to 0 when attempts are limited', () => {
    const limited = challenge({ maxAttempts: 3 });
    expect(toView(limited, facts()).attemptsLeft).toBe(3);
    expect(toView(limited, facts({ wrong: new Map([['c1', 2]]) })).attemptsLeft).toBe(1);
    expect(toView(limited, facts({ wrong: new Map([['c1', 5]]) })).attemptsLeft).toBe(0);
    expect(toView(limited, facts({ wrong: new Map([['other', 2]]) })).attemptsLeft).toBe(3);
  });

  it('should reveal hint content only when free, unlocked, or revealed to all', () => {
    const hinted = challenge({ hints: [hint('free', 0), hint('paid', 10), hint('bought', 10)] });
    expect(toView(hinted, facts({ unlocked: new Set(['bought']) })).hints).toEqual([
      { id: 'free', cost: 0, unlocked: false, content: 'content of free' },
      { id: 'paid', cost: 10, unlocked: false },
      { id: 'bought', cost: 10, unlocked: true, content: 'content of bought' },
    ]);
    const revealed = toView(hinted, facts({ revealHints: true })).hints;
    expect(revealed.map((item) => [item.unlocked, item.content])).toEqual([
      [false, 'content of free'],
      [false, 'content of paid'],
      [false, 'content of bought'],
    ]);
  });

  it('should show the current value, solves and first blood when the board has solves', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const view = toView(challenge(), facts({ counts: new Map([['c1', 3]]), solved: new Set(['c1']), bloods: new Map([['c1', { teamId: 't1', teamName: 'Red', at }]]) }));
    expect(view).toMatchObject({ value: 80, solves: 3, solvedByMe: true, firstBlood: { teamId: 't1', teamName: 'Red', at: '2026-03-01T10:00:00.000Z' } });
  });

  it('should never carry flags and show the state only to organisers when viewed', () => {
    const hidden = challenge({ state: ChallengeState.Hidden });
    const participant = toView(hidden, facts());
    expect(JSON.stringify(participant)).not.toContain('ACS{secret}');
    expect(participant).not.toHaveProperty('state');
    expect(toView(hidden, facts({ organiser: true })).state).toBe(ChallengeState.Hidden);
  });

  it('should give file urls under the event and challenge when files are attached', () => {
    const files = [{ id: 'f9', challengeId: 'c1', name: 'a.zip', blobKey: 'k', size: 12, sha256: 'ab', createdAt: new Date() }];
    expect(toView(challenge({ files }), facts()).files).toEqual([{ id: 'f9', name: 'a.zip', url: '/api/v1/events/acs/challenges/c1/files/f9', size: 12, sha256: 'ab' }]);
  });

  it('should carry flags, the function and requirement names when organisers read the detail', () => {
    const detail = toDetail(challenge({ requirements: ['c0', 'gone'] }), facts({ organiser: true }), new Map([['c0', 'warmup']]));
    expect(detail).toMatchObject({ type: 'dynamic', function: 'linear', requirements: ['warmup', 'gone'], state: 'visible' });
    expect(detail.flags).toEqual([{ id: 'f1', type: 'static', content: 'ACS{secret}', caseInsensitive: false }]);
    expect(toDetail(challenge({ valueFunction: ValueFunction.Static, value: 50 }), facts(), new Map())).toMatchObject({ type: 'standard', function: null, value: 50 });
  });
});
