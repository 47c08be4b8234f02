import { TestEvent } from './factories/event.factory';
import { addCriterion, addJudge, assign, configure, eventPath, putScores, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Row {
  id: string;
  projectId: string;
  judgeId: string;
  status: 'active' | 'recused';
  recusalReason: string | null;
  scored: boolean;
}

// DELETE /events/:slug/judging/judges/:userId: while judging is open, a removal is a recusal from everything (projects
// handed on, scores and votes dropped); once judging is closed or results are published, it is refused.
describe('hackathon judge removal', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const remove = (event: TestEvent, judge: { id: string }, caller: TestUser = event.organiser) =>
    app
      .http()
      .delete(eventPath(event, `/judging/judges/${judge.id}`))
      .set('Authorization', caller.auth);
  const rows = async (event: TestEvent): Promise<Row[]> =>
    (await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', event.organiser.auth).expect(200)).body;
  const judgeIds = async (event: TestEvent): Promise<string[]> =>
    (await app.http().get(eventPath(event, '/judging/judges')).set('Authorization', event.organiser.auth).expect(200)).body.map((judge: { judgeId: string }) => judge.judgeId);
  const scoreSets = async (event: TestEvent, projectId: string): Promise<Array<{ judgeId: string }>> =>
    (
      await app
        .http()
        .get(eventPath(event, `/projects/${projectId}/scores`))
        .set('Authorization', event.organiser.auth)
        .expect(200)
    ).body;

  /** Three projects, three judges, two judges per project, one criterion. */
  async function judgedHackathon() {
    const event = await runningHackathon(app);
    const criterion = await addCriterion(app, event, { name: 'Impact', weight: 1, min: 0, max: 10 });
    const made = [await teamWithProject(app, event), await teamWithProject(app, event), await teamWithProject(app, event)];
    const judges = [await addJudge(app, event), await addJudge(app, event), await addJudge(app, event)];
    await assign(app, event, 2).expect(200);
    return { event, criterion, made, judges };
  }

  it('should hand the removed judge’s projects to other judges and drop their scores while judging is open', async () => {
    const { event, criterion, made, judges } = await judgedHackathon();
    // One more judge, so every project the leaving judge had can go to someone who never had it.
    const spare = await addJudge(app, event);
    const leaving = judges[0];
    const theirs = (await rows(event)).filter((row) => row.judgeId === leaving.id);
    expect(theirs.length).toBeGreaterThan(0);
    await putScores(app, event, leaving, theirs[0].projectId, { [criterion.id]: 9 }).expect(200);

    const answer = await remove(event, leaving).expect(200);

    expect(answer.body).toEqual({ judgeId: leaving.id, recused: theirs.length, reassigned: theirs.length, unassigned: 0, scoresDropped: 1, votesWithdrawn: 0 });
    const after = await rows(event);
    expect(after.filter((row) => row.judgeId === leaving.id && row.status === 'active')).toEqual([]);
    expect(after.filter((row) => row.judgeId === leaving.id).map((row) => row.recusalReason)).toEqual(theirs.map(() => 'judge removed by the organisers'));
    for (const { project } of made) expect(after.filter((row) => row.projectId === project.id && row.status === 'active')).toHaveLength(2);
    expect(after.some((row) => row.judgeId === spare.id && row.status === 'active')).toBe(true);
    expect(await scoreSets(event, theirs[0].projectId)).toEqual([]);
    expect(await judgeIds(event)).toEqual([judges[1].id, judges[2].id, spare.id]);
    // The removed judge can no longer score, see their assignments or the event as a judge.
    await putScores(app, event, leaving, theirs[0].projectId, { [criterion.id]: 10 }).expect(403);
    expect((await app.http().get(eventPath(event, '/staff/me')).set('Authorization', leaving.auth).expect(200)).body).toEqual({ organiser: false, judge: false });
    expect((await app.http().get('/api/v1/judging/me').set('Authorization', leaving.auth).expect(200)).body).toEqual([]);
    // Removing them again: they are not a judge any more.
    expect((await remove(event, leaving).expect(404)).body.code).toBe('judge-not-found');
  });

  it('should leave a project without a judge when nobody eligible is left, for the organiser to reassign', async () => {
    const event = await runningHackathon(app);
    await teamWithProject(app, event);
    const judges = [await addJudge(app, event), await addJudge(app, event)];
    await assign(app, event, 2).expect(200);

    const answer = await remove(event, judges[0]).expect(200);

    expect(answer.body).toMatchObject({ recused: 1, reassigned: 0, unassigned: 1 });
    const progress = (await app.http().get(eventPath(event, '/judging/progress')).set('Authorization', event.organiser.auth).expect(200)).body;
    expect(progress.judges.map((row: { judgeId: string }) => row.judgeId)).toEqual([judges[1].id]);
    // The project is one judge short (it had two): the organiser sees it and reassigns once a judge is added.
    expect(progress.projects.map((row: { assigned: number }) => row.assigned)).toEqual([1]);
  });

  it('should refuse with 409 once judging is closed or results are published, keeping the judge and their scores', async () => {
    const { event, criterion, judges } = await judgedHackathon();
    const [first] = (await rows(event)).filter((row) => row.judgeId === judges[0].id);
    await putScores(app, event, judges[0], first.projectId, { [criterion.id]: 7 }).expect(200);
    await configure(app, event, { judgingClosed: true });

    expect((await remove(event, judges[0]).expect(409)).body.code).toBe('judging-closed');

    await app.http().post(eventPath(event, '/results/publish')).set('Authorization', event.organiser.auth).expect(200);
    // Published results stand even with judging reopened.
    await configure(app, event, { judgingClosed: false });
    expect((await remove(event, judges[0]).expect(409)).body.message).toContain('results are published');
    expect(await judgeIds(event)).toContain(judges[0].id);
    expect((await scoreSets(event, first.projectId)).map((set) => set.judgeId)).toContain(judges[0].id);
  });

  it('should refuse participants, judges and other events’ organisers, and answer 404 for a user who is not a judge', async () => {
    const { event, made, judges } = await judgedHackathon();
    const other = await runningHackathon(app);
    const outsider = await registerUser(app);

    expect((await remove(event, judges[1], made[0].captain).expect(403)).body.code).toBe('not-organiser');
    await remove(event, judges[1], judges[0]).expect(403);
    await remove(event, judges[1], other.organiser).expect(403);
    // The other event's organiser cannot reach this event's judge through their own event either.
    await remove(other, judges[1], other.organiser).expect(404);
    await remove(event, outsider).expect(404);
    await app.http().delete(eventPath(event, '/judging/judges/not-a-uuid')).set('Authorization', event.organiser.auth).expect(400);
    expect(await judgeIds(event)).toEqual(judges.map((judge) => judge.id));
  });

  it('should leave no score of the removed judge when the removal races their own scoring', async () => {
    for (let round = 0; round < 3; round++) {
      const { event, criterion, judges } = await judgedHackathon();
      const leaving = judges[round % 3];
      const theirs = (await rows(event)).filter((row) => row.judgeId === leaving.id);

      const [removal, ...scores] = await Promise.all([remove(event, leaving), ...theirs.map((row) => putScores(app, event, leaving, row.projectId, { [criterion.id]: 5 }))]);

      expect(removal.status).toBe(200);
      // Each score either landed first (then dropped by the removal) or was refused: never kept.
      for (const score of scores) expect([200, 403]).toContain(score.status);
      for (const row of theirs) expect((await scoreSets(event, row.projectId)).map((set) => set.judgeId)).not.toContain(leaving.id);
      expect((await rows(event)).filter((row) => row.judgeId === leaving.id && row.status === 'active')).toEqual([]);
    }
  });

  it('should withdraw a removed pairwise judge’s votes from the ranking', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { mode: 'pairwise' });
    for (let index = 0; index < 3; index++) await teamWithProject(app, event, { title: `P${index}` });
    const [judge, stays] = [await addJudge(app, event), await addJudge(app, event)];
    const vote = async (who: TestUser) => {
      const pair = (await app.http().get(eventPath(event, '/judging/pairwise/next')).set('Authorization', who.auth).expect(200)).body;
      await app.http().post(eventPath(event, '/judging/pairwise/votes')).set('Authorization', who.auth).send({ winnerId: pair.prev.id, loserId: pair.next.id }).expect(201);
    };
    await vote(judge);
    await vote(judge);
    await vote(stays);
    const state = () => app.http().get(eventPath(event, '/judging/pairwise/state')).set('Authorization', event.organiser.auth).expect(200);
    expect((await state()).body.votes).toBe(3);

    expect((await remove(event, judge).expect(200)).body).toMatchObject({ votesWithdrawn: 2, recused: 0 });

    const after = (await state()).body;
    expect(after.votes).toBe(1);
    expect(after.judges.map((row: { judgeId: string }) => row.judgeId)).toEqual([stays.id]);
    // The removed judge's next vote is refused: they are no judge.
    await app.http().get(eventPath(event, '/judging/pairwise/next')).set('Authorization', judge.auth).expect(403);
  });
});
