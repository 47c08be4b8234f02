import { INestApplicationContext } from '@nestjs/common';
import { addCriterion, addJudge, assign, endEvent, eventPath, putScores, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { baseUrl, SseClient } from './utils/sse-client';
import { startTestWorker } from './utils/test-worker';

// The shared leaderboard shows judged hackathon standings: organisers always, everyone else from publication on.
describe('hackathon standings on the leaderboard', () => {
  let app: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  it('should show no rows to the public until publication, then push the published board over SSE', async () => {
    const event = await runningHackathon(app);
    const criterion = await addCriterion(app, event, { name: 'Overall', weight: 1, min: 0, max: 10 });
    const high = await teamWithProject(app, event, { title: 'P-high' });
    const low = await teamWithProject(app, event, { title: 'P-low' });
    const judge = await addJudge(app, event);
    await assign(app, event, 1).expect(200);
    await putScores(app, event, judge, high.project.id, { [criterion.id]: 9 }).expect(200);
    await putScores(app, event, judge, low.project.id, { [criterion.id]: 3 }).expect(200);
    await endEvent(app, event);

    const before = await app.http().get(eventPath(event, '/leaderboard')).expect(200);
    expect(before.body.rows).toEqual([]);
    const organiser = await app.http().get(eventPath(event, '/leaderboard')).set('Authorization', event.organiser.auth).expect(200);
    expect(organiser.body.rows.map((row: { teamId: string; rank: number }) => [row.rank, row.teamId])).toEqual([
      [1, high.team.id],
      [2, low.team.id],
    ]);

    const client = await SseClient.open(`${await baseUrl(app)}${eventPath(event, '/leaderboard/stream')}`);
    try {
      expect((await client.board()).rows).toEqual([]);
      await app.http().post(eventPath(event, '/results/publish')).set('Authorization', event.organiser.auth).expect(200);
      const pushed = await client.board((board) => board.rows.length === 2);
      expect(pushed.rows.map((row: { teamId: string }) => row.teamId)).toEqual([high.team.id, low.team.id]);
    } finally {
      client.close();
    }
  });
});
