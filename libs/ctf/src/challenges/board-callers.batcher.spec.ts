import { BoardCaller, ChallengesRepository, emptyProgress } from './challenges.repository';
import { BoardCallersBatcher } from './board-callers.batcher';

function setup(fail = false) {
  const statements: string[] = [];
  const repository = {
    boardCallers: async (eventId: string, userIds: string[]) => {
      statements.push(`${eventId}: ${userIds.join(' ')}`);
      if (fail) throw new Error('down');
      return new Map<string, BoardCaller>(
        userIds.map((userId) => [userId, { organiser: false, team: { id: `team of ${userId}`, hidden: false, banned: false }, progress: emptyProgress() }]),
      );
    },
  };
  return { batcher: new BoardCallersBatcher(repository as unknown as ChallengesRepository), statements };
}

describe('BoardCallersBatcher', () => {
  it('should read the callers of one turn with one statement per event and answer each its own caller', async () => {
    const { batcher, statements } = setup();
    const answers = await Promise.all(
      [
        ['e1', 'u1'],
        ['e1', 'u2'],
        ['e2', 'u3'],
        ['e1', 'u1'],
      ].map(([eventId, userId]) => batcher.of(eventId, userId)),
    );
    expect(statements).toEqual(['e1: u1 u2', 'e2: u3']);
    expect(answers.map((caller) => caller.team?.id)).toEqual(['team of u1', 'team of u2', 'team of u3', 'team of u1']);
  });

  it('should read again for a request that arrives after the statement was sent', async () => {
    const { batcher, statements } = setup();
    await batcher.of('e1', 'u1');
    await batcher.of('e1', 'u1');
    expect(statements).toEqual(['e1: u1', 'e1: u1']);
  });

  it('should split the callers of a busy turn into statements of at most 100', async () => {
    const { batcher, statements } = setup();
    await Promise.all(Array.from({ length: 250 }, (_, index) => batcher.of('e1', `u${index}`)));
    expect(statements.map((statement) => statement.split(' ').length - 1)).toEqual([100, 100, 50]);
  });

  it('should fail every request of a statement when the statement fails', async () => {
    const { batcher } = setup(true);
    const settled = await Promise.allSettled([batcher.of('e1', 'u1'), batcher.of('e1', 'u2')]);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
