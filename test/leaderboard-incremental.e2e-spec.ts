import { CtfSnapshot, CtfStandingsService, IncrementalStandings } from '@arena/ctf';
import { BoardCache, BoardComputer, boardKeys } from '@arena/leaderboard';
import { EventsService } from '@arena/registration';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { attempt, createChallenge, CtfTeam, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { createTeam, registeredUser, teamsPath } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

// What a board shows and what its order depends on, in order.
const shape = (snapshot: CtfSnapshot) => ({
  rows: snapshot.rows.map((row) => [row.rank, row.teamId, row.score, row.lastAt?.getTime() ?? null, row.lastRowId, row.banned]),
  values: [...snapshot.query.values.entries()].sort(),
  counts: [...snapshot.counts.entries()].sort(),
});

// The worker's in-memory standings (incremental) against the SQL recompute, after each kind of change: solves (in
// one batch, so they tie on time), bans, awards, challenge edits, hidden teams, divisions, a freeze, and a solve whose
// transaction commits after a later one.
describe('incremental standings', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let incremental: IncrementalStandings;
  let sql: CtfStandingsService;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
    // A state of this test's own: the worker's recomputes do not move its counters.
    incremental = app.app.get(IncrementalStandings, { strict: false });
    sql = app.app.get(CtfStandingsService, { strict: false });
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const entity = (event: TestEvent) => app.app.get(EventsService, { strict: false }).getById(event.id);
  const organiser = (event: TestEvent) => ({ Authorization: event.organiser.auth });

  /** Both boards of the event as it is now (live, and at the freeze when frozen) must be equal. */
  async function expectSame(event: TestEvent): Promise<void> {
    const current = await entity(event);
    const cutoffs = current.freezeAt ? [null, current.freezeAt] : [null];
    const fromMemory = await incremental.snapshots(current, cutoffs);
    for (const [index, cutoff] of cutoffs.entries()) {
      expect(shape(fromMemory[index])).toEqual(shape(await sql.snapshot(current, cutoff, true)));
    }
  }

  async function solveAll(event: TestEvent, pairs: Array<[CtfTeam, { id: string; flag: string }]>): Promise<void> {
    // At once: the attempts share batches, so solves share a creation time and the row-id tie-break decides.
    await Promise.all(pairs.map(([team, challenge]) => attempt(app, event, team.captain, challenge.id, challenge.flag).expect(200)));
  }

  it('should rank exactly as the SQL recompute, reading only new solves, across solves, bans, awards, edits, hidden teams and a freeze', async () => {
    const event = await runningCtf(app, { ctf: { firstBloodBonus: 10 }, divisions: ['student', 'open'] });
    const linear = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 10, decay: 10 });
    const log = await createChallenge(app, event, { type: 'dynamic', function: 'logarithmic', value: undefined, initial: 500, minimum: 100, decay: 3 });
    const fixed = await createChallenge(app, event);
    const zero = await createChallenge(app, event, { value: 0 });
    const teams: CtfTeam[] = [];
    for (let index = 0; index < 6; index += 1) {
      const captain = await registeredUser(app, event);
      teams.push({ team: await createTeam(app, event, captain, { division: index % 2 ? 'student' : 'open' }), captain, members: [] });
    }
    await expectSame(event);
    const reloads = incremental.counters.reloads;

    // Solves only: applied from memory, no reload.
    await solveAll(
      event,
      teams.map((team) => [team, linear]),
    );
    await expectSame(event);
    await solveAll(event, [
      [teams[0], log],
      [teams[1], log],
      [teams[2], fixed],
      [teams[3], fixed],
      [teams[4], zero],
      [teams[5], zero],
    ]);
    await expectSame(event);
    expect(incremental.counters.reloads).toBe(reloads);

    // A ban: the banned team's solves stop lowering values and its first blood passes on.
    await app
      .http()
      .patch(teamsPath(event, `/${teams[0].team.id}`))
      .set(organiser(event))
      .send({ banned: true })
      .expect(200);
    await expectSame(event);
    expect(incremental.counters.reloads).toBe(reloads + 1);

    // An award, then a challenge edit, then a hidden team: each reloads.
    await app.http().post(`/api/v1/events/${event.slug}/awards`).set(organiser(event)).send({ teamId: teams[3].team.id, value: 37, reason: 'incremental' }).expect(201);
    await expectSame(event);
    await app.http().patch(`/api/v1/events/${event.slug}/challenges/${fixed.id}`).set(organiser(event)).send({ value: 250 }).expect(200);
    await expectSame(event);
    await app
      .http()
      .patch(teamsPath(event, `/${teams[1].team.id}`))
      .set(organiser(event))
      .send({ hidden: true })
      .expect(200);
    await expectSame(event);
    expect(incremental.counters.reloads).toBe(reloads + 4);

    // A freeze, then solves after it: the frozen board keeps the values and counts as at freezeAt.
    await app.http().patch(`/api/v1/events/${event.slug}`).set(organiser(event)).send({ freezeAt: new Date().toISOString() }).expect(200);
    await expectSame(event);
    await solveAll(event, [
      [teams[2], log],
      [teams[4], log],
      [teams[5], fixed],
    ]);
    await expectSame(event);
    expect(incremental.counters.reloads).toBe(reloads + 5);
  });

  it('should still count a solve whose transaction commits after a later solve was read', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 10, decay: 10 });
    const early = await ctfTeam(app, event);
    const late = await ctfTeam(app, event);
    await expectSame(event);
    // A transaction takes its id and stores a solve, but commits only after another solve has been stored and read.
    const runner = app.app.get(DataSource).createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('INSERT INTO solves (event_id, challenge_id, team_id, user_id) VALUES ($1, $2, $3, $4)', [event.id, challenge.id, early.team.id, early.captain.id]);
      await attempt(app, event, late.captain, challenge.id, challenge.flag).expect(200);
      await expectSame(event);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const current = await entity(event);
    const [board] = await incremental.snapshots(current, [null]);
    expect(board.counts.get(challenge.id)).toBe(2);
    await expectSame(event);
  });

  it("should store the worker's incremental board equal to a fresh SQL computation after a burst of solves", async () => {
    const event = await runningCtf(app, { ctf: { firstBloodBonus: 5 } });
    const challenges: Array<{ id: string; flag: string }> = [];
    for (let index = 0; index < 3; index += 1) {
      challenges.push(await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 10, decay: 7 }));
    }
    const teams: CtfTeam[] = [];
    for (let index = 0; index < 5; index += 1) teams.push(await ctfTeam(app, event));
    await solveAll(
      event,
      teams.flatMap((team) => challenges.map((challenge): [CtfTeam, { id: string; flag: string }] => [team, challenge])),
    );
    const expected = (await app.app.get(BoardComputer, { strict: false }).compute(await entity(event))).live.boards[boardKeys.all];
    const cache = worker.get(BoardCache, { strict: false });
    const stored = await eventually(async () => {
      const doc = await cache.read(event.id, 'live');
      return JSON.stringify(doc?.boards[boardKeys.all]?.map((row) => [row.teamId, row.score])) === JSON.stringify(expected.map((row) => [row.teamId, row.score])) ? doc : undefined;
    });
    expect(stored?.boards[boardKeys.all]).toEqual(expected.map((row) => ({ ...row })));
  });
});
