import { TestEvent } from './factories/event.factory';
import { addCriterion, addJudge, assign, configure, declareConflict, eventPath, putScores, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

interface Assignment {
  judgeId: string;
  projectId: string;
}

/** Components of the judge–project graph. */
function components(assignments: Assignment[]): number {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    while (parent.has(node) && parent.get(node) !== node) node = parent.get(node) as string;
    return node;
  };
  for (const { judgeId, projectId } of assignments) parent.set(find(`p${projectId}`), find(`j${judgeId}`));
  return new Set(assignments.map((assignment) => find(`p${assignment.projectId}`))).size;
}

describe('hackathon judge assignment', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  /** `count` projects of one-member teams; `countryOf(i)` picks the captain's country. */
  const projects = async (event: TestEvent, count: number, countryOf: (index: number) => string = () => 'VN') => {
    const made = [];
    for (let start = 0; start < count; start += 8) {
      const batch = Array.from({ length: Math.min(8, count - start) }, (_, offset) => teamWithProject(app, event, {}, countryOf(start + offset)));
      made.push(...(await Promise.all(batch)));
    }
    return made;
  };

  /** Every project has k distinct judges, none forbidden; loads differ by at most 1; the graph is connected. */
  function expectSound(assignments: Assignment[], projectIds: string[], judges: TestUser[], k: number, forbidden: Set<string>) {
    for (const projectId of projectIds) {
      const on = assignments.filter((assignment) => assignment.projectId === projectId).map((assignment) => assignment.judgeId);
      expect(new Set(on).size).toBe(k);
      expect(on).toHaveLength(k);
    }
    for (const { judgeId, projectId } of assignments) expect(forbidden.has(`${judgeId}:${projectId}`)).toBe(false);
    const loads = judges.map((judge) => assignments.filter((assignment) => assignment.judgeId === judge.id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((sum, load) => sum + load, 0)).toBe(projectIds.length * k);
    expect(components(assignments)).toBe(1);
  }

  it('should balance 7 projects over 3 judges with 2 each and skip declared conflicts', async () => {
    const event = await runningHackathon(app);
    const made = await projects(event, 7);
    const judges = await Promise.all([addJudge(app, event), addJudge(app, event), addJudge(app, event)]);
    await declareConflict(app, event, judges[0], made[0].team.id);
    await declareConflict(app, event, judges[1], made[1].team.id);

    const response = await assign(app, event, 2).expect(200);

    expect(response.body).toMatchObject({ balanced: true, connected: true });
    const forbidden = new Set([`${judges[0].id}:${made[0].project.id}`, `${judges[1].id}:${made[1].project.id}`]);
    expectSound(
      response.body.assignments,
      made.map((item) => item.project.id),
      judges,
      2,
      forbidden,
    );
    for (const judge of judges) {
      const mine = await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', judge.auth).expect(200);
      const expected = (response.body.assignments as Assignment[]).filter((assignment) => assignment.judgeId === judge.id);
      expect(mine.body.map((row: Assignment) => row.projectId).sort()).toEqual(expected.map((row) => row.projectId).sort());
      const titles = new Map(made.map((item) => [item.project.id, item.project.title]));
      for (const row of mine.body) expect(row).toEqual({ id: expect.any(String), projectId: row.projectId, judgeId: judge.id, title: titles.get(row.projectId), scored: false });
    }
  });

  it('should balance 40 projects over 9 judges with 3 each when judges have conflicts and a country is excluded', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { excludeSameCountryJudges: true });
    // Every fifth team is Thai; judge 0 is Thai.
    const made = await projects(event, 40, (index) => (index % 5 === 0 ? 'TH' : 'VN'));
    const judges: TestUser[] = [];
    for (let index = 0; index < 9; index++) judges.push(await addJudge(app, event, index === 0 ? 'TH' : 'SG'));
    const forbidden = new Set<string>();
    for (const [index, item] of made.entries()) if (index % 5 === 0) forbidden.add(`${judges[0].id}:${item.project.id}`);
    for (const [judge, teams] of [
      [1, [2, 3, 4]],
      [2, [7, 8]],
      [5, [11]],
    ] as const) {
      for (const index of teams) {
        await declareConflict(app, event, judges[judge], made[index].team.id);
        forbidden.add(`${judges[judge].id}:${made[index].project.id}`);
      }
    }

    const response = await assign(app, event, 3).expect(200);

    expect(response.body).toMatchObject({ balanced: true, connected: true });
    expectSound(
      response.body.assignments,
      made.map((item) => item.project.id),
      judges,
      3,
      forbidden,
    );
  }, 180_000);

  it('should answer 409 when there are too few judges or a project has too few eligible judges', async () => {
    const event = await runningHackathon(app);
    const made = await projects(event, 2);
    const judges = [await addJudge(app, event), await addJudge(app, event)];
    expect((await assign(app, event, 3).expect(409)).body.code).toBe('not-enough-judges');
    await declareConflict(app, event, judges[1], made[1].team.id);
    const response = await assign(app, event, 2).expect(409);
    expect(response.body).toMatchObject({ code: 'no-eligible-judge', message: expect.stringContaining(made[1].project.id) });
    const participant = made[0].captain;
    await app.http().post(eventPath(event, '/judging/assign')).set('Authorization', participant.auth).send({ judgesPerProject: 1 }).expect(403);
    await app.http().post(eventPath(event, '/judging/assign')).set('Authorization', event.organiser.auth).send({ judgesPerProject: 0 }).expect(400);
  });

  it('should let a judge recuse with a reason and hand the project to another judge once', async () => {
    const event = await runningHackathon(app);
    const [only] = await projects(event, 1);
    const judges = await Promise.all([addJudge(app, event), addJudge(app, event), addJudge(app, event)]);
    const planned: Assignment[] = (await assign(app, event, 1).expect(200)).body.assignments;
    const first = judges.find((judge) => judge.id === planned[0].judgeId)!;
    const [assignment] = (await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', first.auth).expect(200)).body;
    const other = judges.find((judge) => judge.id !== first.id)!;
    await app
      .http()
      .post(eventPath(event, `/judging/assignments/${assignment.id}/recuse`))
      .set('Authorization', other.auth)
      .send({ reason: 'x' })
      .expect(404);

    const recused = await app
      .http()
      .post(eventPath(event, `/judging/assignments/${assignment.id}/recuse`))
      .set('Authorization', first.auth)
      .send({ reason: 'I mentored them' })
      .expect(200);

    expect(recused.body).toMatchObject({ status: 'recused', recusalReason: 'I mentored them' });
    expect(recused.body.replacedById).toEqual(expect.any(String));
    expect((await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', first.auth).expect(200)).body).toEqual([]);
    const again = await app
      .http()
      .post(eventPath(event, `/judging/assignments/${assignment.id}/recuse`))
      .set('Authorization', first.auth)
      .send({ reason: 'x' });
    expect(again.status).toBe(409);
    // The recusal already reassigned it: a second reassignment is refused.
    const twice = await app
      .http()
      .post(eventPath(event, `/judging/assignments/${assignment.id}/reassign`))
      .set('Authorization', event.organiser.auth)
      .send({});
    expect(twice.status).toBe(409);
    const all = await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', event.organiser.auth).expect(200);
    const replacement = all.body.find((row: { id: string }) => row.id === recused.body.replacedById);
    expect(replacement).toMatchObject({ projectId: only.project.id, status: 'active' });
    expect(all.body.map((row: { judgeId: string; status: string }) => [row.judgeId, row.status]).sort()).toEqual(
      [
        [first.id, 'recused'],
        [replacement.judgeId, 'active'],
      ].sort(),
    );
  });

  it('should end an assignment when its judge declares a conflict with that team', async () => {
    const event = await runningHackathon(app);
    const [only] = await projects(event, 1);
    const judge = await addJudge(app, event);
    await assign(app, event, 1).expect(200);
    const declared = await app.http().post(eventPath(event, '/judging/conflicts')).set('Authorization', judge.auth).send({ teamId: only.team.id, reason: 'cousin' }).expect(201);
    expect(declared.body).toMatchObject({ judgeId: judge.id, teamId: only.team.id, reason: 'cousin', declaredBy: judge.id });
    expect((await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', judge.auth).expect(200)).body).toEqual([]);
    const conflicts = await app.http().get(eventPath(event, '/judging/conflicts')).set('Authorization', event.organiser.auth).expect(200);
    expect(conflicts.body).toHaveLength(1);
    await app.http().post(eventPath(event, '/judging/conflicts')).set('Authorization', only.captain.auth).send({ teamId: only.team.id }).expect(403);
  });
  it("should list a judge's hackathons with their progress on GET /judging/me, and nothing for anyone else", async () => {
    const rubric = await runningHackathon(app, { title: 'Rubric <b>judged</b>' });
    const criterion = await addCriterion(app, rubric, { name: 'Impact', weight: 1, min: 0, max: 10 });
    const made = await projects(rubric, 3);
    const judge = await addJudge(app, rubric);
    await assign(app, rubric, 1).expect(200);
    await putScores(app, rubric, judge, made[0].project.id, { [criterion.id]: 7 }).expect(200);
    const pairwise = await runningHackathon(app);
    await configure(app, pairwise, { mode: 'pairwise' });
    await app.http().post(eventPath(pairwise, '/staff')).set('Authorization', pairwise.organiser.auth).send({ email: judge.email, role: 'judge' }).expect(201);

    const mine = await app.http().get('/api/v1/judging/me').set('Authorization', judge.auth).expect(200);
    const bySlug = new Map(mine.body.map((row: { slug: string }) => [row.slug, row]));
    expect(mine.body).toHaveLength(2);
    expect(bySlug.get(rubric.slug)).toMatchObject({ title: 'Rubric <b>judged</b>', mode: 'rubric', judgingClosed: false, assigned: 3, scored: 1 });
    expect(bySlug.get(pairwise.slug)).toMatchObject({ mode: 'pairwise', judgingClosed: false, assigned: 0, scored: 0 });

    const [assignment] = (await app.http().get(eventPath(rubric, '/judging/assignments')).set('Authorization', judge.auth).expect(200)).body.filter(
      (row: { projectId: string }) => row.projectId === made[0].project.id,
    );
    await app
      .http()
      .post(eventPath(rubric, `/judging/assignments/${assignment.id}/recuse`))
      .set('Authorization', judge.auth)
      .send({ reason: 'x' })
      .expect(200);
    const after = await app.http().get('/api/v1/judging/me').set('Authorization', judge.auth).expect(200);
    expect(after.body.find((row: { slug: string }) => row.slug === rubric.slug)).toMatchObject({ assigned: 2, scored: 0 });

    // Organisers and participants are not judges; the endpoint needs a session.
    expect((await app.http().get('/api/v1/judging/me').set('Authorization', made[1].captain.auth).expect(200)).body).toEqual([]);
    expect((await app.http().get('/api/v1/judging/me').set('Authorization', rubric.organiser.auth).expect(200)).body).toEqual([]);
    await app.http().get('/api/v1/judging/me').expect(401);
  });
});
