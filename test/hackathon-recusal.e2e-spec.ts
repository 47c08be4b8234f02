import { TestEvent } from './factories/event.factory';
import { addCriterion, addJudge, assign, configure, eventPath, putScores, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Row {
  id: string;
  projectId: string;
  judgeId: string;
  status: 'active' | 'recused';
  replacedById: string | null;
  scored: boolean;
}

describe('hackathon recusals, moves and unpublishing', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const rows = async (event: TestEvent): Promise<Row[]> =>
    (await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', event.organiser.auth).expect(200)).body;
  const mine = async (event: TestEvent, judge: TestUser): Promise<Row[]> =>
    (await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', judge.auth).expect(200)).body;
  const recuse = (event: TestEvent, judge: TestUser, id: string) =>
    app
      .http()
      .post(eventPath(event, `/judging/assignments/${id}/recuse`))
      .set('Authorization', judge.auth)
      .send({ reason: 'I know them' });
  const activeLoads = (list: Row[], judges: TestUser[]) => judges.map((judge) => list.filter((row) => row.judgeId === judge.id && row.status === 'active').length);

  it('should give a recused project to the least-loaded eligible judge who never had it', async () => {
    const event = await runningHackathon(app);
    const made = [await teamWithProject(app, event), await teamWithProject(app, event), await teamWithProject(app, event)];
    const judges = [await addJudge(app, event), await addJudge(app, event), await addJudge(app, event)];
    await assign(app, event, 2).expect(200);
    const before = await rows(event);
    const leaving = judges[0];
    const [assignment] = await mine(event, leaving);

    const answer = await recuse(event, leaving, assignment.id).expect(200);

    const after = await rows(event);
    const replacement = after.find((row) => row.id === answer.body.replacedById);
    expect(replacement).toMatchObject({ projectId: assignment.projectId, status: 'active' });
    // The only judge not already on the project takes it, whatever the loads.
    const onProject = new Set(before.filter((row) => row.projectId === assignment.projectId).map((row) => row.judgeId));
    expect(onProject.has(replacement!.judgeId)).toBe(false);
    expect(replacement!.judgeId).not.toBe(leaving.id);
    for (const { project } of made) expect(after.filter((row) => row.projectId === project.id && row.status === 'active')).toHaveLength(2);
    expect(
      (
        await mine(
          event,
          judges.find((judge) => judge.id === replacement!.judgeId)!,
        )
      ).map((row) => row.id),
    ).toContain(replacement!.id);
  });

  it('should keep loads even when judges recuse at the same moment', async () => {
    const event = await runningHackathon(app);
    const made = await Promise.all(Array.from({ length: 6 }, () => teamWithProject(app, event)));
    const judges: TestUser[] = [];
    for (let index = 0; index < 12; index++) judges.push(await addJudge(app, event));
    await assign(app, event, 1).expect(200);
    const planned = await rows(event);
    const busy = planned.map((row) => judges.find((judge) => judge.id === row.judgeId)!);

    const answers = await Promise.all(planned.map((row, index) => recuse(event, busy[index], row.id)));

    for (const answer of answers) expect(answer.status).toBe(200);
    const after = await rows(event);
    for (const { project } of made) {
      const active = after.filter((row) => row.projectId === project.id && row.status === 'active');
      expect(active).toHaveLength(1);
      const recused = after.find((row) => row.projectId === project.id && row.status === 'recused')!;
      expect(recused.replacedById).toBe(active[0].id);
      expect(active[0].judgeId).not.toBe(recused.judgeId);
    }
    // Read-then-write without the lock would hand several projects to the same idle judge.
    expect(Math.max(...activeLoads(after, judges))).toBe(1);
  });

  it('should leave a project unassigned when no judge is eligible, show it in the progress and let the organiser reassign it later', async () => {
    const event = await runningHackathon(app);
    const { project } = await teamWithProject(app, event);
    const judge = await addJudge(app, event);
    await assign(app, event, 1).expect(200);
    const [assignment] = await mine(event, judge);

    const answer = await recuse(event, judge, assignment.id).expect(200);

    expect(answer.body).toMatchObject({ status: 'recused', replacedById: null });
    const progress = await app.http().get(eventPath(event, '/judging/progress')).set('Authorization', event.organiser.auth).expect(200);
    expect(progress.body.projects).toEqual([expect.objectContaining({ projectId: project.id, assigned: 0, scored: 0 })]);
    const later = await addJudge(app, event);
    const reassigned = await app
      .http()
      .post(eventPath(event, `/judging/assignments/${assignment.id}/reassign`))
      .set('Authorization', event.organiser.auth)
      .send({})
      .expect(201);
    expect(reassigned.body).toMatchObject({ projectId: project.id, judgeId: later.id, status: 'active' });
  });

  it('should reassign the project when a judge declares a conflict with its team', async () => {
    const event = await runningHackathon(app);
    const { team, project } = await teamWithProject(app, event);
    const [first, second] = [await addJudge(app, event), await addJudge(app, event)];
    await assign(app, event, 1).expect(200);
    const holder = (await rows(event))[0].judgeId === first.id ? first : second;
    const other = holder === first ? second : first;

    await app.http().post(eventPath(event, '/judging/conflicts')).set('Authorization', holder.auth).send({ teamId: team.id, reason: 'cousin' }).expect(201);

    expect(await mine(event, holder)).toEqual([]);
    expect(await mine(event, other)).toEqual([expect.objectContaining({ projectId: project.id })]);
  });

  it("should refuse a conflict once judging is closed, keeping the judge's scores (the results stand)", async () => {
    const event = await runningHackathon(app);
    const criterion = await addCriterion(app, event, { name: 'Impact', weight: 1, min: 0, max: 10 });
    const { team, project } = await teamWithProject(app, event);
    const judge = await addJudge(app, event);
    await assign(app, event, 1).expect(200);
    await putScores(app, event, judge, project.id, { [criterion.id]: 7 }).expect(200);
    await configure(app, event, { judgingClosed: true });

    // The attack: a judge who scored declares a conflict after the close, which would drop their scores.
    const late = await app.http().post(eventPath(event, '/judging/conflicts')).set('Authorization', judge.auth).send({ teamId: team.id, reason: 'late' });
    expect(late.status).toBe(409);
    const scores = await app
      .http()
      .get(eventPath(event, `/projects/${project.id}/scores`))
      .set('Authorization', event.organiser.auth)
      .expect(200);
    expect(scores.body).toEqual([expect.objectContaining({ judgeId: judge.id })]);
    expect(await mine(event, judge)).toEqual([expect.objectContaining({ projectId: project.id })]);
  });

  it('should let the organiser preview the load per judge without saving, then move an unscored assignment', async () => {
    const event = await runningHackathon(app);
    const criterion = await addCriterion(app, event, { name: 'Impact', weight: 1, min: 0, max: 10 });
    const made = [await teamWithProject(app, event), await teamWithProject(app, event), await teamWithProject(app, event)];
    const judges = [await addJudge(app, event), await addJudge(app, event), await addJudge(app, event)];
    const participant = made[0].captain;

    const preview = await app.http().post(eventPath(event, '/judging/assign')).set('Authorization', event.organiser.auth).send({ judgesPerProject: 2, dryRun: true }).expect(200);

    expect(preview.body.applied).toBe(false);
    expect(preview.body.loads.map((load: { judgeId: string; projects: number }) => [load.judgeId, load.projects])).toEqual(judges.map((judge) => [judge.id, 2]));
    expect(await rows(event)).toEqual([]);
    expect((await assign(app, event, 1).expect(200)).body.applied).toBe(true);

    const [first] = await rows(event);
    const target = judges.find((judge) => judge.id !== first.judgeId)!;
    const taken = (await rows(event)).filter((row) => row.judgeId === target.id).map((row) => row.projectId);
    const move = (body: object, auth = event.organiser.auth, id = first.id) =>
      app
        .http()
        .post(eventPath(event, `/judging/assignments/${id}/move`))
        .set('Authorization', auth)
        .send(body);
    await move({ judgeId: target.id }, participant.auth).expect(403);
    await move({ judgeId: target.id }, target.auth).expect(403);
    expect((await move({ judgeId: 'nope' }).expect(400)).body.message).toEqual([expect.stringContaining('judgeId')]);
    await move({ judgeId: participant.id }).expect(404);
    expect(taken).not.toContain(first.projectId);

    const moved = await move({ judgeId: target.id }).expect(200);

    expect(moved.body).toMatchObject({ id: first.id, projectId: first.projectId, judgeId: target.id, status: 'active' });
    expect((await mine(event, target)).map((row) => row.id)).toContain(first.id);
    await putScores(app, event, target, first.projectId, { [criterion.id]: 5 }).expect(200);
    const back = judges.find((judge) => judge.id === first.judgeId)!;
    // Scored: moving it would drop the score.
    expect((await move({ judgeId: back.id }).expect(409)).body.message).toContain('scored');
  });

  it('should unpublish results so participants no longer see them, and refuse participants', async () => {
    const event = await runningHackathon(app);
    const { captain } = await teamWithProject(app, event);
    const results = () => app.http().get(eventPath(event, '/hackathon/results')).set('Authorization', captain.auth);
    await app.http().post(eventPath(event, '/results/publish')).set('Authorization', event.organiser.auth).expect(200);
    await results().expect(200);
    await app.http().post(eventPath(event, '/results/unpublish')).set('Authorization', captain.auth).expect(403);

    const answer = await app.http().post(eventPath(event, '/results/unpublish')).set('Authorization', event.organiser.auth).expect(200);

    expect(answer.body).toEqual({ eventId: event.id, publishedAt: null });
    await results().expect(404);
    const settings = await app.http().get(eventPath(event, '/hackathon')).expect(200);
    expect(settings.body).toMatchObject({ resultsPublishedAt: null, judgingClosed: true });
  });
});
