import { attempt, challengesPath, createChallenge, ctfTeam, leaderboard, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Real concurrency: requests fired together through supertest; the database (or Redis) settles every race.
describe('ctf races', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const times = <T>(count: number, make: (index: number) => Promise<T>) => Promise.all(Array.from({ length: count }, (_, index) => make(index)));
  const unlock = (event: TestEvent, auth: string, hintId: string) => app.http().post(`/api/v1/events/${event.slug}/hints/${hintId}/unlock`).set('Authorization', auth);
  const attemptLog = (event: TestEvent, query: string) => app.http().get(`/api/v1/events/${event.slug}/attempts${query}`).set('Authorization', event.organiser.auth).expect(200);
  const board = async (event: TestEvent) => (await leaderboard(app, event).expect(200)).body.rows;
  const hintAwards = async (event: TestEvent) =>
    (await app.http().get(`/api/v1/events/${event.slug}/awards`).set('Authorization', event.organiser.auth).expect(200)).body.filter(
      (award: { kind: string }) => award.kind === 'hint',
    );
  const hintIds = async (event: TestEvent, challengeId: string): Promise<string[]> =>
    (
      await app
        .http()
        .get(challengesPath(event, `/${challengeId}`))
        .set('Authorization', event.organiser.auth)
        .expect(200)
    ).body.hints.map((hint: { id: string }) => hint.id);

  /** A team of `size` that solved a challenge worth `points`, and a challenge carrying `hints`. */
  async function teamWithPoints(points: number, hints: Array<{ content: string; cost: number }>, size = 2) {
    const event = await runningCtf(app);
    const solved = await createChallenge(app, event, { value: points });
    const hinted = await createChallenge(app, event, { hints });
    const team = await ctfTeam(app, event, size);
    await attempt(app, event, team.captain, solved.id, solved.flag).expect(200);
    return { event, team, hints: await hintIds(event, hinted.id) };
  }

  it('should record one solve when 2 members send 10 correct flags each at once', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { value: 100 });
    const { team, captain, members } = await ctfTeam(app, event, 2);
    const responses = await times(20, (index) => attempt(app, event, index % 2 ? members[0] : captain, challenge.id, challenge.flag));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    const statuses = responses.map((response) => response.body.status).sort();
    expect(statuses).toEqual([...Array(19).fill('already_solved'), 'correct']);
    expect(await board(event)).toEqual([expect.objectContaining({ rank: 1, teamId: team.id, score: 100 })]);
    const list = await app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(200);
    expect(list.body[0]).toMatchObject({ solves: 1, solvedByMe: true, value: 100 });
    // The 19 resubmissions share one already_solved row that counts them.
    const log = await attemptLog(event, `?challengeId=${challenge.id}&limit=100`);
    expect(log.headers['x-total-count']).toBe('2');
    expect(log.body.map((row: { verdict: string; count: number }) => `${row.verdict} ${row.count}`).sort()).toEqual(['already_solved 19', 'correct 1']);
  });

  it('should count exactly maxAttempts when 20 wrong attempts arrive at once', async () => {
    const event = await runningCtf(app, { ctf: { wrongAttemptsPerMinute: 1000 } });
    const challenge = await createChallenge(app, event, { maxAttempts: 5 });
    const { captain, members } = await ctfTeam(app, event, 2);
    const responses = await times(20, (index) => attempt(app, event, index % 2 ? members[0] : captain, challenge.id, `guess-${index}`));
    expect(responses.map((response) => response.status).sort()).toEqual([...Array(5).fill(200), ...Array(15).fill(403)]);
    expect(responses.filter((response) => response.status === 200).map((response) => response.body.status)).toEqual(Array(5).fill('incorrect'));
    const list = await app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(200);
    expect(list.body[0].attemptsLeft).toBe(0);
    const log = await attemptLog(event, `?challengeId=${challenge.id}&limit=100`);
    expect(log.headers['x-total-count']).toBe('5');
    expect(log.body.map((row: { verdict: string }) => row.verdict)).toEqual(Array(5).fill('incorrect'));
    await attempt(app, event, captain, challenge.id, challenge.flag).expect(403);
  });

  it("should give each team its own outcome when many teams' wrong flags are stored together", async () => {
    const event = await runningCtf(app, { ctf: { wrongAttemptsPerMinute: 1000 } });
    const capped = await createChallenge(app, event, { name: 'capped', maxAttempts: 3 });
    const gated = await createChallenge(app, event, { name: 'gated', requirements: ['capped'] });
    const [solver, ...guessers] = await times(4, () => ctfTeam(app, event));
    await attempt(app, event, solver.captain, capped.id, capped.flag).expect(200);
    // 5 wrong flags from each of 4 teams at once, and the 3 unsolved teams also try the gated challenge.
    const sent = [solver, ...guessers].flatMap((team) => Array.from({ length: 5 }, (_, index) => ({ team, challenge: capped.id, guess: `g${index}` })));
    sent.push(...guessers.map((team) => ({ team, challenge: gated.id, guess: 'early' })));
    const responses = await Promise.all(sent.map(({ team, challenge, guess }) => attempt(app, event, team.captain, challenge, guess)));
    const outcome = (index: number) => `${responses[index].status} ${responses[index].body.status ?? responses[index].body.code ?? ''}`.trim();
    const byTeam = (team: (typeof guessers)[number], challenge: string) =>
      sent
        .map((entry, index) => ({ entry, index }))
        .filter(({ entry }) => entry.team === team && entry.challenge === challenge)
        .map(({ index }) => outcome(index))
        .sort();
    expect(byTeam(solver, capped.id)).toEqual(Array(5).fill('200 already_solved'));
    for (const team of guessers) {
      expect(byTeam(team, capped.id)).toEqual([...Array(3).fill('200 incorrect'), ...Array(2).fill('403 no-attempts-left')]);
      expect(byTeam(team, gated.id)).toEqual(['404 challenge-not-found']);
    }
    const log = async (query: string) => (await attemptLog(event, `${query}&limit=100`)).headers['x-total-count'];
    expect([
      await log(`?challengeId=${capped.id}&verdict=incorrect`),
      await log(`?challengeId=${capped.id}&verdict=already_solved`),
      await log(`?challengeId=${gated.id}`),
    ]).toEqual(['9', '1', '0']);
    expect((await attemptLog(event, `?challengeId=${capped.id}&verdict=already_solved`)).body).toEqual([expect.objectContaining({ teamId: solver.team.id, count: 5 })]);
  });

  it("should count teammates' right flags on a solved challenge as already_solved, taking no attempt, while others' first solves share their batches", async () => {
    const event = await runningCtf(app, { ctf: { wrongAttemptsPerMinute: 1000 } });
    const capped = await createChallenge(app, event, { name: 'capped', maxAttempts: 2 });
    const open = await createChallenge(app, event, { name: 'open' });
    const solver = await ctfTeam(app, event, 3);
    const [second, third] = await times(2, () => ctfTeam(app, event));
    expect((await attempt(app, event, solver.captain, capped.id, 'miss').expect(200)).body.status).toBe('incorrect');
    expect((await attempt(app, event, solver.captain, capped.id, capped.flag).expect(200)).body.status).toBe('correct');
    // At once: 9 right flags from the solver's members, and two teams' first solves and wrong guesses elsewhere.
    const players = [solver.captain, ...solver.members];
    const sent = [
      ...Array.from({ length: 9 }, (_, index) => ({ who: players[index % 3], challenge: capped.id, submission: capped.flag })),
      ...[second, third].flatMap((team) => [
        { who: team.captain, challenge: capped.id, submission: capped.flag },
        { who: team.captain, challenge: open.id, submission: 'guess' },
      ]),
    ];
    const responses = await Promise.all(sent.map(({ who, challenge, submission }) => attempt(app, event, who, challenge, submission)));
    const outcomes = responses.map((response) => `${response.status} ${response.body.status}`);
    expect(outcomes.slice(0, 9)).toEqual(Array(9).fill('200 already_solved'));
    expect(outcomes.slice(9)).toEqual(['200 correct', '200 incorrect', '200 correct', '200 incorrect']);
    // The solver's one wrong flag is all it spent of the cap.
    const list = await app.http().get(challengesPath(event)).set('Authorization', solver.captain.auth).expect(200);
    expect(list.body.find((challenge: { id: string }) => challenge.id === capped.id)).toMatchObject({ solves: 3, solvedByMe: true, attemptsLeft: 1 });
    const count = async (query: string) => (await attemptLog(event, `?challengeId=${capped.id}&limit=100${query}`)).headers['x-total-count'];
    expect([await count('&verdict=correct'), await count('&verdict=already_solved'), await count('&verdict=incorrect')]).toEqual(['3', '1', '1']);
    expect((await attemptLog(event, `?challengeId=${capped.id}&verdict=already_solved`)).body).toEqual([expect.objectContaining({ teamId: solver.team.id, count: 9 })]);
  });

  it('should let through only the per-minute budget when wrong attempts arrive at once', async () => {
    const event = await runningCtf(app, { ctf: { wrongAttemptsPerMinute: 3 } });
    const challenge = await createChallenge(app, event);
    const { captain, members } = await ctfTeam(app, event, 2);
    const responses = await times(12, (index) => attempt(app, event, index % 2 ? members[0] : captain, challenge.id, `guess-${index}`));
    expect(responses.map((response) => response.status).sort()).toEqual([...Array(3).fill(200), ...Array(9).fill(429)]);
    const log = await attemptLog(event, `?challengeId=${challenge.id}`);
    expect(log.headers['x-total-count']).toBe('3');
  });

  it('should deduct once when 5 unlocks of one hint arrive at once', async () => {
    const { event, team, hints } = await teamWithPoints(100, [{ content: 'paid', cost: 25 }], 3);
    const users = [team.captain, ...team.members];
    const responses = await times(5, (index) => unlock(event, users[index % users.length].auth, hints[0]));
    expect(responses.map((response) => response.status)).toEqual(Array(5).fill(200));
    expect(responses.map((response) => response.body.content)).toEqual(Array(5).fill('paid'));
    expect(await board(event)).toEqual([expect.objectContaining({ teamId: team.team.id, score: 75 })]);
    expect(await hintAwards(event)).toEqual([expect.objectContaining({ teamId: team.team.id, value: -25 })]);
  });

  it('should never overdraw when unlocks of two hints costing more than the score arrive at once', async () => {
    const { event, team, hints } = await teamWithPoints(100, [
      { content: 'sixty', cost: 60 },
      { content: 'seventy', cost: 70 },
    ]);
    const users = [team.captain, ...team.members];
    const responses = await times(6, (index) => unlock(event, users[index % 2].auth, hints[index % 2]));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 409, 409, 409]);
    const won = responses.find((response) => response.status === 200)?.body.cost as number;
    // Every request for the same hint had the same fate.
    const fate = (hint: number) => new Set(responses.filter((_, index) => index % 2 === hint).map((response) => response.status));
    expect([fate(0).size, fate(1).size]).toEqual([1, 1]);
    expect(await board(event)).toEqual([expect.objectContaining({ teamId: team.team.id, score: 100 - won })]);
    expect((await hintAwards(event)).map((award: { value: number }) => award.value)).toEqual([-won]);
  });

  // More waiting unlocks than the database pool has connections: the one holding the lock must not need another.
  it('should charge each hint once and stay responsive when a team unlocks 30 hints at once', async () => {
    const hints = Array.from({ length: 30 }, (_, index) => ({ content: `hint ${index}`, cost: 4 }));
    const { event, team, hints: ids } = await teamWithPoints(100, hints);
    const responses = await times(30, (index) => unlock(event, (index % 2 ? team.members[0] : team.captain).auth, ids[index]));
    expect(responses.map((response) => response.status).sort()).toEqual([...Array(25).fill(200), ...Array(5).fill(409)]);
    expect(await board(event)).toEqual([expect.objectContaining({ teamId: team.team.id, score: 0 })]);
    expect(await hintAwards(event)).toHaveLength(25);
  }, 20_000);
});
