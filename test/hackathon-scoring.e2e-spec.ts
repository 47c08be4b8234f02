import { TestEvent } from './factories/event.factory';
import { addCriterion, addJudge, assign, configure, declareConflict, eventPath, putScores, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

describe('hackathon rubric scoring', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    await app.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  /** "impact" weight 2 on 1..5 and "craft" weight 1 on 0..10: T = (2·(impact − 1)/4 + craft/10)/3. */
  const rubric = async (event: TestEvent) => ({
    impact: (await addCriterion(app, event, { name: 'Impact', weight: 2, min: 1, max: 5 })).id,
    craft: (await addCriterion(app, event, { name: 'Craft', weight: 1, min: 0, max: 10 })).id,
  });

  /** Two projects, two judges, each judge on one project only (the other is conflicted). */
  async function splitJudging() {
    const event = await runningHackathon(app);
    const criteria = await rubric(event);
    const first = await teamWithProject(app, event);
    const second = await teamWithProject(app, event);
    const [judgeA, judgeB] = [await addJudge(app, event), await addJudge(app, event)];
    await declareConflict(app, event, judgeA, second.team.id);
    await declareConflict(app, event, judgeB, first.team.id);
    await assign(app, event, 1).expect(200);
    return { event, criteria, first, second, judgeA, judgeB };
  }

  it('should validate criteria when an organiser adds them', async () => {
    const event = await runningHackathon(app);
    const post = (body: Record<string, unknown>, auth = event.organiser.auth) => app.http().post(eventPath(event, '/criteria')).set('Authorization', auth).send(body);
    const created = await post({ name: 'Impact', weight: 2, min: 1, max: 5 }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Impact', description: '', weight: 2, min: 1, max: 5 });
    expect((await post({ name: 'Bad', weight: 1, min: 5, max: 5 }).expect(400)).body.code).toBe('invalid-criterion');
    expect((await post({ name: 'Bad', weight: 0, min: 0, max: 5 }).expect(400)).body.message).toEqual([expect.stringContaining('weight')]);
    expect((await post({ name: 'Bad', weight: 1, min: 0 }).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringContaining('max')]));
    expect((await post({ name: 'Impact', weight: 1, min: 0, max: 1 }).expect(409)).body.code).toBe('criterion-name-taken');
    const judge = await addJudge(app, event);
    await post({ name: 'Other', weight: 1, min: 0, max: 1 }, judge.auth).expect(403);
    expect((await app.http().get(eventPath(event, '/criteria')).expect(200)).body.map((item: { name: string }) => item.name)).toEqual(['Impact']);
  });

  it('should refuse scores with 403 when the judge is not assigned and 400 when a mark is out of range', async () => {
    const { event, criteria, first, second, judgeA } = await splitJudging();
    const refused = await putScores(app, event, judgeA, second.project.id, { [criteria.impact]: 3, [criteria.craft]: 5 }).expect(403);
    expect(refused.body.code).toBe('not-assigned');
    await putScores(app, event, first.captain, first.project.id, { [criteria.impact]: 3, [criteria.craft]: 5 }).expect(403);
    const high = await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 6, [criteria.craft]: 5 }).expect(400);
    expect(high.body).toMatchObject({ code: 'invalid-scores', message: expect.stringContaining(`scores.${criteria.impact} (Impact) must be between 1 and 5`) });
    const missing = await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 3 }).expect(400);
    expect(missing.body.message).toContain(`scores.${criteria.craft} (Craft) is missing`);
    await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 3, [criteria.craft]: '5' }).expect(400);
    const saved = await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 3, [criteria.craft]: 5 }, 'solid').expect(200);
    expect(saved.body).toMatchObject({ projectId: first.project.id, judgeId: judgeA.id, comment: 'solid', total: 0.5 });
  });

  it("should never show a judge another judge's scores", async () => {
    const { event, criteria, first, second, judgeA, judgeB } = await splitJudging();
    await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 5, [criteria.craft]: 10 }, 'A only').expect(200);
    await putScores(app, event, judgeB, second.project.id, { [criteria.impact]: 1, [criteria.craft]: 0 }, 'B only').expect(200);
    const scoresOf = (judge: TestUser, projectId: string) =>
      app
        .http()
        .get(eventPath(event, `/projects/${projectId}/scores`))
        .set('Authorization', judge.auth)
        .expect(200);

    expect((await scoresOf(judgeB, first.project.id)).body).toEqual([]);
    const own = await scoresOf(judgeA, first.project.id);
    expect(own.body).toEqual([expect.objectContaining({ judgeId: judgeA.id, comment: 'A only' })]);
    expect(own.body[0].judgeName).toBeUndefined();
    expect(JSON.stringify((await scoresOf(judgeA, second.project.id)).body)).not.toContain('B only');
    const organiser = await scoresOf(event.organiser, second.project.id);
    expect(organiser.body).toEqual([expect.objectContaining({ judgeId: judgeB.id, comment: 'B only', judgeName: expect.any(String) })]);
    await app
      .http()
      .get(eventPath(event, `/projects/${first.project.id}/scores`))
      .set('Authorization', first.captain.auth)
      .expect(403);
    await app.http().get(eventPath(event, '/hackathon/results')).set('Authorization', judgeA.auth).expect(404);
    const mine = await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', judgeA.auth).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ projectId: first.project.id, scored: true })]);
  });

  it('should store one score set when a judge submits scores twice at once', async () => {
    const { event, criteria, first, judgeA } = await splitJudging();

    const responses = await Promise.all([
      putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 2, [criteria.craft]: 2 }, 'one'),
      putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 4, [criteria.craft]: 8 }, 'two'),
    ]);

    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const stored = await app
      .http()
      .get(eventPath(event, `/projects/${first.project.id}/scores`))
      .set('Authorization', event.organiser.auth)
      .expect(200);
    expect(stored.body).toHaveLength(1);
    expect(['one', 'two']).toContain(stored.body[0].comment);
    const sent = responses.find((response) => response.body.comment === stored.body[0].comment)!;
    expect(stored.body[0].scores).toEqual(sent.body.scores);
  });

  it('should allow edits until the organiser closes judging, and fix the rubric once scored', async () => {
    const { event, criteria, first, judgeA } = await splitJudging();
    await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 2, [criteria.craft]: 2 }).expect(200);
    await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 3, [criteria.craft]: 2 }).expect(200);
    const added = await app.http().post(eventPath(event, '/criteria')).set('Authorization', event.organiser.auth).send({ name: 'Late', weight: 1, min: 0, max: 1 });
    expect(added.status).toBe(409);
    expect((await assign(app, event, 1).expect(409)).body.code).toBe('judging-started');
    await configure(app, event, { judgingClosed: true });
    const closed = await putScores(app, event, judgeA, first.project.id, { [criteria.impact]: 5, [criteria.craft]: 2 }).expect(409);
    expect(closed.body.code).toBe('judging-closed');
    const progress = await app.http().get(eventPath(event, '/judging/progress')).set('Authorization', event.organiser.auth).expect(200);
    expect(progress.body.judges.find((row: { judgeId: string }) => row.judgeId === judgeA.id)).toMatchObject({ assigned: 1, scored: 1, recused: 0 });
    expect(progress.body.projects.find((row: { projectId: string }) => row.projectId === first.project.id)).toMatchObject({ assigned: 1, scored: 1 });
  });

  it('should rank by mean z exactly as computed by hand, per track too, and by mean raw with normalisation none', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['ai', 'web'] });
    const c = await rubric(event);
    const p1 = await teamWithProject(app, event, { title: 'P1', track: 'ai' });
    const p2 = await teamWithProject(app, event, { title: 'P2', track: 'web' });
    const p3 = await teamWithProject(app, event, { title: 'P3', track: 'ai' });
    const p4 = await teamWithProject(app, event, { title: 'P4', track: 'web' });
    const [j1, j2, j3] = [await addJudge(app, event), await addJudge(app, event), await addJudge(app, event)];
    // j2 may only judge P2, j3 everything but P2: with 2 judges per project the plan is forced.
    for (const team of [p1, p3, p4]) await declareConflict(app, event, j2, team.team.id);
    await declareConflict(app, event, j3, p2.team.id);
    const plan = await assign(app, event, 2).expect(200);
    expect(plan.body.balanced).toBe(false);
    const score = (judge: TestUser, project: { project: { id: string } }, impact: number, craft: number) =>
      putScores(app, event, judge, project.project.id, { [c.impact]: impact, [c.craft]: craft }).expect(200);
    // j1: P1 (5, 10) → T = 1; P2 (3, 5) → 0.5; P3 (1, 0) → 0. Mean 0.5, sd √(1/6): z = √1.5, 0, −√1.5.
    await score(j1, p1, 5, 10);
    await score(j1, p2, 3, 5);
    await score(j1, p3, 1, 0);
    // j2 scored one project: z = 0. j3 gave P1 and P3 the same total 0.7 (sd 0): z = 0; P4 is left unscored.
    await score(j2, p2, 2, 2);
    await score(j3, p1, 4, 6);
    await score(j3, p3, 4, 6);
    // P1 = (√1.5 + 0)/2 = 0.6123724356957945 (raw 0.85); P2 = 0 (raw 0.3667); P3 = −0.6123724356957945 (raw 0.35); P4 none.
    const results = await app.http().get(eventPath(event, '/hackathon/results')).set('Authorization', event.organiser.auth).expect(200);
    const rows = results.body.overall as Array<{
      title: string;
      rank: number;
      score: number | null;
      judged: number;
      breakdown: { meanRaw: number | null; judges: { judgeId: string; raw: number; z: number }[] };
    }>;
    expect(rows.map((row) => [row.rank, row.title, row.judged])).toEqual([
      [1, 'P1', 2],
      [2, 'P2', 2],
      [3, 'P3', 2],
      [4, 'P4', 0],
    ]);
    expect(rows[0].score).toBeCloseTo(0.6123724356957945, 12);
    expect(rows[0].breakdown.meanRaw).toBeCloseTo(0.85, 12);
    expect(rows[1].score).toBeCloseTo(0, 12);
    expect(rows[1].breakdown.meanRaw).toBeCloseTo(0.7 / 3 / 2 + 0.25, 12);
    expect(rows[2].score).toBeCloseTo(-0.6123724356957945, 12);
    expect(rows[3].score).toBeNull();
    expect(rows[1].breakdown.judges.find((mark) => mark.judgeId === j2.id)).toMatchObject({ raw: expect.closeTo(0.7 / 3, 12), z: 0 });
    expect(rows[0].breakdown.judges.find((mark) => mark.judgeId === j3.id)).toMatchObject({ raw: expect.closeTo(0.7, 12), z: 0 });
    expect(
      results.body.tracks.map((track: { track: string; rows: { title: string; rank: number }[] }) => [track.track, track.rows.map((row) => `${row.rank}:${row.title}`)]),
    ).toEqual([
      ['ai', ['1:P1', '2:P3']],
      ['web', ['1:P2', '2:P4']],
    ]);

    await configure(app, event, { normalisation: 'none' });

    const raw = await app.http().get(eventPath(event, '/hackathon/results')).set('Authorization', event.organiser.auth).expect(200);
    expect(raw.body.overall.map((row: { title: string; score: number | null }) => [row.title, row.score === null ? null : Number(row.score.toFixed(12))])).toEqual([
      ['P1', 0.85],
      ['P2', Number((1.1 / 3).toFixed(12))],
      ['P3', 0.35],
      ['P4', null],
    ]);
  }, 60_000);
});
