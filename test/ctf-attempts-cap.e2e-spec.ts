import { DataSource } from 'typeorm';
import { AttemptsRepository, BatchedAttemptRow } from '../libs/ctf/src/attempts/attempts.repository';
import { attempt, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';

// max_attempts against concurrent guesses: a team's wrong and right flags racing on one challenge never get a solve
// once the cap is spent, whichever batch commits first (the database settles it).
describe('ctf attempts cap under concurrent flags', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  const rowsOf = async (challengeId: string, teamId: string): Promise<string[]> =>
    (await db.query(`SELECT verdict, count FROM attempts WHERE challenge_id = $1 AND team_id = $2 ORDER BY verdict`, [challengeId, teamId])).map(
      (row: { verdict: string; count: number }) => `${row.verdict} ${row.count}`,
    );
  const wrongCount = async (challengeId: string, teamId: string): Promise<number> =>
    (await db.query(`SELECT wrong FROM attempt_counters WHERE challenge_id = $1 AND team_id = $2`, [challengeId, teamId]))[0]?.wrong ?? 0;
  const solves = async (challengeId: string, teamId: string): Promise<number> =>
    Number((await db.query(`SELECT count(*) AS n FROM solves WHERE challenge_id = $1 AND team_id = $2`, [challengeId, teamId]))[0].n);

  // A solve and a wrong flag committed after it may both stand (the wrong one's statement did not see the solve): the
  // cap still holds. What must never happen is a solve once a wrong flag has spent the one attempt.
  it('should never exceed the cap when a team sends wrong flags and the right one at once on 1-attempt challenges', async () => {
    const event = await runningCtf(app, { ctf: { wrongAttemptsPerMinute: 1000 } });
    for (let round = 0; round < 6; round += 1) {
      const challenge = await createChallenge(app, event, { maxAttempts: 1 });
      const { team, captain, members } = await ctfTeam(app, event, 2);
      // 1 or 20 wrong flags with the right one second, so it can reach the batcher while a wrong one is being stored.
      const submissions = Array.from({ length: round % 2 ? 21 : 2 }, (_, index) => (index === 1 ? challenge.flag : `guess-${round}-${index}`));
      const answers = await Promise.all(submissions.map((submission, index) => attempt(app, event, index % 2 ? members[0] : captain, challenge.id, submission)));
      const outcomes = answers.map((answer) => `${answer.status} ${answer.body.status ?? answer.body.code}`);
      const [right, wrong] = [outcomes[1], outcomes.filter((_, index) => index !== 1)];
      expect(wrong.filter((outcome) => !['200 incorrect', '403 no-attempts-left', '200 already_solved'].includes(outcome))).toEqual([]);
      expect(wrong.filter((outcome) => outcome === '200 incorrect').length).toBeLessThanOrEqual(1);
      expect(await wrongCount(challenge.id, team.id)).toBeLessThanOrEqual(1);
      const stored = await rowsOf(challenge.id, team.id);
      if (right === '403 no-attempts-left') {
        expect(stored).toEqual(['incorrect 1']);
        expect(await solves(challenge.id, team.id)).toBe(0);
      } else {
        expect(right).toBe('200 correct');
        expect(stored).toContain('correct 1');
        expect(await solves(challenge.id, team.id)).toBe(1);
      }
    }
  }, 30_000);

  it("should refuse the right flag when a concurrent batch holds the team's last attempt and commits it", async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { maxAttempts: 1 });
    const { team, captain } = await ctfTeam(app, event);
    const row: BatchedAttemptRow = {
      eventId: event.id,
      challengeId: challenge.id,
      teamId: team.id,
      userId: captain.id,
      submission: challenge.flag,
      ip: null,
      requirements: [],
      matched: true,
      cutoff: null,
    };
    // A wrong flag's batch that counted the last attempt and has not committed yet.
    const wrongBatch = db.createQueryRunner();
    await wrongBatch.connect();
    try {
      await wrongBatch.startTransaction();
      await wrongBatch.query(`INSERT INTO attempt_counters (challenge_id, team_id, wrong) VALUES ($1, $2, 1)`, [challenge.id, team.id]);
      let settled = false;
      const rightBatch = app.app
        .get(AttemptsRepository)
        .recordBatch([row])
        .finally(() => (settled = true));
      // Until the right flag's statement waits on the wrong one's counter row (or, unfixed, has already answered).
      while (!settled && !(await waitsOnLock())) await new Promise((resolve) => setImmediate(resolve));
      await wrongBatch.commitTransaction();
      const [outcome] = await rightBatch;
      expect(outcome).toEqual({ teamExists: true, open: true, verdict: null, solvesBefore: null });
    } finally {
      await wrongBatch.release();
    }
    expect(await solves(challenge.id, team.id)).toBe(0);
    expect(await rowsOf(challenge.id, team.id)).toEqual([]);
    expect(await wrongCount(challenge.id, team.id)).toBe(1);
  });

  it('should take no attempt of the cap when a team sends its right flag twice at once on a 1-attempt challenge', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { maxAttempts: 1 });
    const { team, captain } = await ctfTeam(app, event);
    const answers = await Promise.all([attempt(app, event, captain, challenge.id, challenge.flag), attempt(app, event, captain, challenge.id, challenge.flag)]);
    expect(answers.map((answer) => `${answer.status} ${answer.body.status}`).sort()).toEqual(['200 already_solved', '200 correct']);
    expect(await wrongCount(challenge.id, team.id)).toBe(0);
    expect((await attempt(app, event, captain, challenge.id, 'late guess').expect(200)).body.status).toBe('already_solved');
  });

  it('should store every batch, without deadlock, when concurrent batches mix right and wrong flags of the same teams and challenges', async () => {
    const event = await runningCtf(app);
    const challenges = await Promise.all([2, 2, 0, 0].map((maxAttempts) => createChallenge(app, event, { maxAttempts })));
    const teams = await Promise.all([0, 1].map(() => ctfTeam(app, event)));
    const pairs = teams.flatMap(({ team, captain }) => challenges.map((challenge) => ({ team, captain, challenge })));
    const repository = app.app.get(AttemptsRepository);
    // 16 batches, each with every pair once, in its own order, a right flag for a pair in every third batch.
    const batches = Array.from({ length: 16 }, (_, batch) =>
      pairs
        .map((pair, index) => ({ pair, index, order: (index * 7 + batch * 5) % pairs.length }))
        .sort((left, right) => left.order - right.order)
        .map(({ pair, index }): BatchedAttemptRow => {
          const matched = (batch + index) % 3 === 0;
          const { team, captain, challenge } = pair;
          const submission = matched ? challenge.flag : `guess-${batch}`;
          return { eventId: event.id, challengeId: challenge.id, teamId: team.id, userId: captain.id, submission, ip: null, requirements: [], matched, cutoff: null };
        }),
    );
    const settled = await Promise.allSettled(batches.map((rows) => repository.recordBatch(rows)));
    expect(settled.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    for (const { team, challenge } of pairs) {
      const capped = challenge.id === challenges[0].id || challenge.id === challenges[1].id;
      const correct = (await rowsOf(challenge.id, team.id)).filter((row) => row.startsWith('correct'));
      // A capped pair may have spent its 2 attempts before its first right flag: then nothing is solved.
      expect(capped ? correct.length <= 1 : correct.length === 1).toBe(true);
      expect(await solves(challenge.id, team.id)).toBe(correct.length);
      if (capped) expect(await wrongCount(challenge.id, team.id)).toBeLessThanOrEqual(2);
    }
  }, 30_000);

  /** Whether an attempts statement waits on a lock (the right flag's batch behind the held counter row). */
  async function waitsOnLock(): Promise<boolean> {
    const waiting = await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%attempt_counters%'`);
    return waiting.length > 0;
  }
});
