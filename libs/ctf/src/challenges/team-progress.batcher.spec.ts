import { ChallengesRepository, emptyProgress } from './challenges.repository';
import { TeamProgressBatcher } from './team-progress.batcher';

function setup(fail = false) {
  const statements: string[][] = [];
  const repository = {
    teamsProgress: async (teamIds: string[]) => {
      statements.push(teamIds);
      if (fail) throw new Error('down');
      return new Map(teamIds.map((teamId) => [teamId, { ...emptyProgress(), solved: new Set([`solved by ${teamId}`]) }]));
    },
  };
  return { batcher: new TeamProgressBatcher(repository as unknown as ChallengesRepository), statements };
}

describe('TeamProgressBatcher', () => {
  it('should read the teams of one turn with one statement and answer each its own team', async () => {
    const { batcher, statements } = setup();
    const answers = await Promise.all(['t1', 't2', 't1'].map((teamId) => batcher.of(teamId)));
    expect(statements).toEqual([['t1', 't2']]);
    expect(answers.map((progress) => [...progress.solved])).toEqual([['solved by t1'], ['solved by t2'], ['solved by t1']]);
  });

  it('should read again for a request that arrives after the statement was sent', async () => {
    const { batcher, statements } = setup();
    await batcher.of('t1');
    await batcher.of('t1');
    expect(statements).toEqual([['t1'], ['t1']]);
  });

  it('should split the teams of a busy turn into statements of at most 100', async () => {
    const { batcher, statements } = setup();
    await Promise.all(Array.from({ length: 250 }, (_, index) => batcher.of(`t${index}`)));
    expect(statements.map((teams) => teams.length)).toEqual([100, 100, 50]);
  });

  it('should fail every request of a statement when the statement fails', async () => {
    const { batcher } = setup(true);
    const settled = await Promise.allSettled([batcher.of('t1'), batcher.of('t2')]);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
