import { TestEvent } from './factories/event.factory';
import {
  addCriterion,
  addJudge,
  assign,
  configure,
  endEvent,
  eventPath,
  hackTeam,
  parseCsv,
  postProject,
  putScores,
  runningHackathon,
  teamWithProject,
} from './factories/hackathon.factory';
import { createTeam, registeredUser } from './factories/team.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

describe("hackathon results, people's choice and exports", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    await app.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  const results = (event: TestEvent, user?: TestUser) => {
    const request = app.http().get(eventPath(event, '/hackathon/results'));
    return user ? request.set('Authorization', user.auth) : request;
  };
  const publish = (event: TestEvent, user: TestUser = event.organiser) => app.http().post(eventPath(event, '/results/publish')).set('Authorization', user.auth);
  const voteFor = (event: TestEvent, user: TestUser, projectId: string) =>
    app
      .http()
      .post(eventPath(event, `/projects/${projectId}/votes`))
      .set('Authorization', user.auth);

  /** Two scored projects, one judge on both: P-high outranks P-low. */
  async function judgedEvent() {
    const event = await runningHackathon(app);
    const criterion = await addCriterion(app, event, { name: 'Overall', weight: 1, min: 0, max: 10 });
    const high = await teamWithProject(app, event, { title: 'P-high' });
    const low = await teamWithProject(app, event, { title: 'P-low' });
    const judge = await addJudge(app, event);
    await assign(app, event, 1).expect(200);
    await putScores(app, event, judge, high.project.id, { [criterion.id]: 9 }, 'great').expect(200);
    await putScores(app, event, judge, low.project.id, { [criterion.id]: 3 }, 'meh').expect(200);
    return { event, high, low, judge, criterion };
  }

  it('should hide scores and ranks from participants, judges and the public until the organiser publishes', async () => {
    const { event, high, low, judge, criterion } = await judgedEvent();
    await endEvent(app, event);
    for (const user of [high.captain, judge, undefined]) expect((await results(event, user).expect(404)).body.code).toBe('results-not-published');
    await app.http().get(eventPath(event, '/hackathon/leaderboard')).set('Authorization', high.captain.auth).expect(404);
    const project = await app
      .http()
      .get(eventPath(event, `/projects/${high.project.id}`))
      .set('Authorization', low.captain.auth)
      .expect(200);
    expect(Object.keys(project.body)).not.toEqual(expect.arrayContaining(['score']));
    const organiserView = await results(event, event.organiser).expect(200);
    expect(organiserView.body).toMatchObject({
      publishedAt: null,
      overall: [
        { title: 'P-high', rank: 1 },
        { title: 'P-low', rank: 2 },
      ],
    });
    expect(organiserView.body.overall[0].breakdown.judges[0]).toMatchObject({ judgeId: judge.id, scores: { [criterion.id]: 9 }, comment: 'great' });
    await publish(event, high.captain).expect(403);

    const published = await publish(event).expect(200);

    expect(published.body).toEqual({ eventId: event.id, publishedAt: expect.any(String) });
    const publicView = await results(event).expect(200);
    expect(publicView.body.overall.map((row: { title: string; rank: number }) => [row.rank, row.title])).toEqual([
      [1, 'P-high'],
      [2, 'P-low'],
    ]);
    expect(JSON.stringify(publicView.body)).not.toContain('great');
    expect(publicView.body.overall[0].breakdown).toBeUndefined();
    const board = await app.http().get(eventPath(event, '/hackathon/leaderboard')).expect(200);
    expect(board.headers['x-total-count']).toBe('2');
    expect(board.body[0]).toMatchObject({ rank: 1, teamId: high.team.id, projectId: high.project.id });
    // Publishing closes judging; publishing again keeps the first time.
    expect((await putScores(app, event, judge, low.project.id, { [criterion.id]: 10 }).expect(409)).body.code).toBe('judging-closed');
    expect((await publish(event).expect(200)).body.publishedAt).toBe(published.body.publishedAt);
  });

  it("should count one people's choice vote per user, never for the own team, and show counts only once published", async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { peoplesChoice: { enabled: true } });
    const first = await teamWithProject(app, event, { title: 'First' });
    const second = await teamWithProject(app, event, { title: 'Second' });
    const voters = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
    expect((await voteFor(event, voters[0], second.project.id).expect(409)).body.code).toBe('voting-closed');
    await endEvent(app, event);

    expect((await voteFor(event, voters[0], second.project.id).expect(201)).body).toEqual({ projectIds: [second.project.id], votesLeft: 0 });
    expect((await voteFor(event, voters[0], first.project.id).expect(409)).body.code).toBe('already-voted');
    expect((await voteFor(event, voters[0], second.project.id).expect(409)).body.code).toBe('already-voted');
    expect((await voteFor(event, first.captain, first.project.id).expect(403)).body.code).toBe('own-project');
    const racing = await Promise.all([voteFor(event, voters[1], first.project.id), voteFor(event, voters[1], second.project.id)]);
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409]);
    await voteFor(event, voters[2], second.project.id).expect(201);
    expect((await results(event, voters[0]).expect(404)).body.code).toBe('results-not-published');

    await publish(event).expect(200);

    const counted = (await results(event, voters[0]).expect(200)).body.peoplesChoice as { title: string; votes: number; rank: number }[];
    const secondVotes = 2 + (racing.find((response) => response.status === 201)!.body.projectIds[0] === second.project.id ? 1 : 0);
    expect(counted.find((row) => row.title === 'Second')!.votes).toBe(secondVotes);
    expect(counted.reduce((sum, row) => sum + row.votes, 0)).toBe(3);
    expect(counted[0]).toMatchObject({ rank: 1, title: 'Second' });
    expect((await voteFor(event, voters[2], first.project.id).expect(409)).body.code).toBe('voting-closed');
  });

  it('should escape spreadsheet formulas in every CSV export', async () => {
    const event = await runningHackathon(app, { title: 'CSV test' });
    await configure(app, event, { tracks: ['=track'] });
    const criterion = await addCriterion(app, event, { name: '@Impact', weight: 1, min: 0, max: 10 });
    const captain = await registeredUser(app, event);
    const team = await createTeam(app, event, captain, { name: '=HYPERLINK("http://evil.example","x")' });
    const project = await postProject(app, event, captain, { title: '+SUM(1,2)', summary: '-2+3, "quoted"', track: '=track' }).expect(201);
    const judge = await addJudge(app, event);
    await assign(app, event, 1).expect(200);
    await putScores(app, event, judge, project.body.id, { [criterion.id]: 7 }, "\t=cmd|' /C calc'!A0").expect(200);
    const csv = async (name: string) => {
      const response = await app
        .http()
        .get(eventPath(event, `/hackathon/export/${name}`))
        .set('Authorization', event.organiser.auth)
        .expect(200);
      expect(response.headers['content-type']).toContain('text/csv');
      return parseCsv(response.text);
    };

    const projects = await csv('projects.csv');
    const scores = await csv('scores.csv');
    const resultsCsv = await csv('results.csv');

    const [header, row] = projects;
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('team')).toBe(`'${team.name}`);
    expect(cell('title')).toBe("'+SUM(1,2)");
    expect(cell('summary')).toBe(`'-2+3, "quoted"`);
    expect(cell('tracks')).toBe("'=track");
    expect(scores[0]).toContain("'@Impact");
    expect(scores[1][scores[0].indexOf('comment')]).toBe("'\t=cmd|' /C calc'!A0");
    expect(scores[1][scores[0].indexOf("'@Impact")]).toBe('7');
    expect(resultsCsv.map((line) => line[0])).toEqual(['board', 'overall', "'=track"]);
    expect(resultsCsv[1][resultsCsv[0].indexOf('title')]).toBe("'+SUM(1,2)");
    // Nothing in any export starts like a formula.
    for (const cells of [...projects, ...scores, ...resultsCsv]) for (const value of cells) expect(value).not.toMatch(/^[=+@\t\r]|^-[^0-9]/);
    await app.http().get(eventPath(event, '/hackathon/export/projects.csv')).set('Authorization', judge.auth).expect(403);
  });

  it('should answer 404 for hackathon routes when the event is of another kind', async () => {
    const event = await runningHackathon(app, { kind: 'ctf' });
    const { captain } = await hackTeam(app, event);
    expect((await postProject(app, event, captain).expect(404)).body.code).toBe('wrong-event-kind');
    await app.http().get(eventPath(event, '/hackathon')).expect(404);
  });
});
