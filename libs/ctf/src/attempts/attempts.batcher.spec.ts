import { AttemptVerdict } from './attempt-verdict.enum';
import { AttemptOutcome, AttemptsRepository, BatchedAttemptRow as Row } from './attempts.repository';
import { AttemptsBatcher } from './attempts.batcher';

const row = (teamId: string, challengeId: string): Row => ({
  eventId: 'e',
  challengeId,
  teamId,
  userId: 'u',
  submission: 's',
  ip: null,
  requirements: [],
  matched: false,
  cutoff: null,
});
const incorrect: AttemptOutcome = { open: true, verdict: AttemptVerdict.Incorrect, solvesBefore: null };

describe('AttemptsBatcher', () => {
  it('should store the attempts of one turn together, but never two of one team on one challenge in a batch', async () => {
    const batches: string[][] = [];
    const repository = {
      recordBatch: async (rows: Row[]) => (batches.push(rows.map((r) => `${r.teamId}/${r.challengeId}`)), rows.map(() => incorrect)),
    };
    const batcher = new AttemptsBatcher(repository as unknown as AttemptsRepository);
    const outcomes = await Promise.all([row('t1', 'c1'), row('t2', 'c1'), row('t1', 'c1'), row('t1', 'c2')].map((r) => batcher.record(r)));
    expect(outcomes).toEqual(Array(4).fill(incorrect));
    expect(batches).toEqual([['t1/c1', 't2/c1', 't1/c2'], ['t1/c1']]);
  });

  it('should retry a failed batch one row at a time, so only the bad row fails', async () => {
    const repository = {
      recordBatch: async (rows: Row[]) => {
        if (rows.length > 1 || rows[0].teamId === 'gone') throw new Error('violates foreign key');
        return [incorrect];
      },
    };
    const batcher = new AttemptsBatcher(repository as unknown as AttemptsRepository);
    const settled = await Promise.allSettled([row('t1', 'c1'), row('gone', 'c1'), row('t2', 'c1')].map((r) => batcher.record(r)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
