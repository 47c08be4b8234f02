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
const incorrect: AttemptOutcome = { teamExists: true, open: true, verdict: AttemptVerdict.Incorrect, solvesBefore: null };

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

  it('should run at most two statements at once, the attempts arriving meanwhile going together in the next one', async () => {
    const sizes: number[] = [];
    const finish: Array<() => void> = [];
    let running = 0;
    let maxRunning = 0;
    const repository = {
      recordBatch: (rows: Row[]) => {
        sizes.push(rows.length);
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        return new Promise<AttemptOutcome[]>((resolve) =>
          finish.push(() => {
            running -= 1;
            resolve(rows.map(() => incorrect));
          }),
        );
      },
    };
    const batcher = new AttemptsBatcher(repository as unknown as AttemptsRepository);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const answers: Array<Promise<AttemptOutcome>> = [];
    const send = (from: number, count: number) => {
      for (let team = from; team < from + count; team += 1) answers.push(batcher.record(row(`t${team}`, 'c1')));
    };
    send(0, 2);
    await turn();
    send(2, 2);
    await turn();
    send(4, 5);
    await turn();
    send(9, 3);
    await turn();
    expect(sizes).toEqual([2, 2]);
    finish.shift()?.();
    await turn();
    await turn();
    expect(sizes).toEqual([2, 2, 8]);
    while (finish.length > 0) {
      finish.shift()?.();
      await turn();
    }
    expect(await Promise.all(answers)).toEqual(Array(12).fill(incorrect));
    expect(maxRunning).toBe(2);
  });
});
