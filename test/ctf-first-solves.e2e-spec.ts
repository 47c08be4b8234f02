import { AttemptVerdict } from '../libs/ctf/src/attempts/attempt-verdict.enum';
import { AttemptsBatcher } from '../libs/ctf/src/attempts/attempts.batcher';
import { BatchedAttemptRow } from '../libs/ctf/src/attempts/attempts.repository';
import { attempt, challengesPath, createChallenge, CtfTeam, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';

// First solves stored by the attempts' batch statement: many teams' right flags in one statement, each answered the
// value of its place; the database's unique solve settles a team's concurrent right flags.
describe('ctf first solves in batches', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const times = <T>(count: number, make: (index: number) => Promise<T>) => Promise.all(Array.from({ length: count }, (_, index) => make(index)));
  // Rows recorded in the same turn of the event loop: the batcher stores them with one statement.
  const oneBatch = (rows: BatchedAttemptRow[]) => Promise.all(rows.map((row) => app.app.get(AttemptsBatcher).record(row)));
  const rightFlag = (event: TestEvent, team: CtfTeam, challenge: { id: string; flag: string }, requirements: string[] = []): BatchedAttemptRow => ({
    eventId: event.id,
    challengeId: challenge.id,
    teamId: team.team.id,
    userId: team.captain.id,
    submission: challenge.flag,
    ip: null,
    requirements,
    matched: true,
    cutoff: null,
  });
  const board = async (event: TestEvent) => (await leaderboard(app, event).expect(200)).body.rows as Array<{ teamId: string; score: number }>;

  it("should store every team's first solve and answer each the solves before it when 8 teams' right flags share a batch", async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 10, decay: 10 });
    const teams = await times(8, () => ctfTeam(app, event));
    const outcomes = await oneBatch(teams.map((team) => rightFlag(event, team, challenge)));
    expect(outcomes.map((outcome) => outcome.verdict)).toEqual(Array(8).fill(AttemptVerdict.Correct));
    // As if stored one after the other: the k-th solve of the batch has the earlier ones before it.
    expect(outcomes.map((outcome) => outcome.solvesBefore)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Every solver scores the challenge's current value (8 solves: 100 − 10 × 7).
    const rows = await board(event);
    expect(rows.map((row) => row.score)).toEqual(Array(8).fill(30));
    const list = await app.http().get(challengesPath(event)).set('Authorization', teams[0].captain.auth).expect(200);
    expect(list.body[0]).toMatchObject({ solves: 8, solvedByMe: true, value: 30 });
    // A later team through the api: the 9th solve, answered its value after its own solve.
    const ninth = await ctfTeam(app, event);
    expect((await attempt(app, event, ninth.captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'correct', value: 20 });
  });

  it('should answer 6 teams at once through the api with one correct each, whatever batches their 3 right flags fall in', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 500, minimum: 100, decay: 10 });
    const teams = await times(6, () => ctfTeam(app, event));
    const responses = await Promise.all(teams.flatMap((team) => [0, 1, 2].map(() => attempt(app, event, team.captain, challenge.id, challenge.flag))));
    expect(responses.map((response) => response.status)).toEqual(Array(18).fill(200));
    for (const [index] of teams.entries()) {
      expect(
        responses
          .slice(index * 3, index * 3 + 3)
          .map((response) => response.body.status)
          .sort(),
      ).toEqual(['already_solved', 'already_solved', 'correct']);
    }
    expect((await board(event)).map((row) => row.score)).toEqual(Array(6).fill(450));
    const log = await app
      .http()
      .get(`/api/v1/events/${event.slug}/attempts?challengeId=${challenge.id}&verdict=correct&limit=100`)
      .set('Authorization', event.organiser.auth)
      .expect(200);
    expect(log.headers['x-total-count']).toBe('6');
  });

  it('should store only the solves whose prerequisites are solved when a batch mixes open and locked challenges', async () => {
    const event = await runningCtf(app);
    const first = await createChallenge(app, event, { name: 'first' });
    const gated = await createChallenge(app, event, { name: 'gated', requirements: ['first'] });
    const [ready, early] = await times(2, () => ctfTeam(app, event));
    await attempt(app, event, ready.captain, first.id, first.flag).expect(200);
    const outcomes = await oneBatch([rightFlag(event, ready, gated, [first.id]), rightFlag(event, early, gated, [first.id])]);
    expect(outcomes.map((outcome) => [outcome.open, outcome.verdict])).toEqual([
      [true, AttemptVerdict.Correct],
      [false, null],
    ]);
    // Through the api the locked one is a 404, and nothing of it was stored.
    await attempt(app, event, early.captain, gated.id, gated.flag).expect(404);
    expect((await board(event)).find((row) => row.teamId === early.team.id)?.score).toBe(0);
  });

  it('should refuse a right flag in a batch when the team has no attempt left, and store the others', async () => {
    const event = await runningCtf(app, { ctf: { wrongAttemptsPerMinute: 1000 } });
    const capped = await createChallenge(app, event, { maxAttempts: 1 });
    const [spent, fresh] = await times(2, () => ctfTeam(app, event));
    expect((await attempt(app, event, spent.captain, capped.id, 'miss').expect(200)).body.status).toBe('incorrect');
    const outcomes = await oneBatch([rightFlag(event, spent, capped), rightFlag(event, fresh, capped)]);
    expect(outcomes.map((outcome) => outcome.verdict)).toEqual([null, AttemptVerdict.Correct]);
    await attempt(app, event, spent.captain, capped.id, capped.flag).expect(403);
  });
});
