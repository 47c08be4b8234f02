import { INestApplicationContext } from '@nestjs/common';
import { labelledTruth, postSubmission, postTask, predictionsCsv, runningAiEvent, settled } from './factories/ai.factory';
import { ctfTeam, runningCtf } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';
import { baseUrl, SseClient } from './utils/sse-client';

// Announcements and a team's own submission updates ride the leaderboard stream as their own event types.
describe('live messages on the leaderboard stream', () => {
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

  const framesOf = (client: SseClient, event: string) => client.frames.filter((frame) => frame.event === event).map((frame) => JSON.parse(frame.data));

  it('should push an announcement to every client of the event when an organiser posts one', async () => {
    const event = await runningCtf(app);
    const client = await SseClient.open(`${await baseUrl(app)}/api/v1/events/${event.slug}/leaderboard/stream`);
    try {
      await client.board();
      await app
        .http()
        .post(`/api/v1/events/${event.slug}/announcements`)
        .set('Authorization', event.organiser.auth)
        .send({ title: 'Heads up', body: 'web-1 restarted' })
        .expect(201);
      const [announcement] = await eventually(async () => (framesOf(client, 'announcement').length ? framesOf(client, 'announcement') : undefined), 5000);
      expect(announcement).toMatchObject({ title: 'Heads up', body: 'web-1 restarted' });
    } finally {
      client.close();
    }
  });

  it("should push a submission's status to its own team only when the worker runs and scores it", async () => {
    const event = await runningAiEvent(app);
    const task = await postTask(app, event, {
      fields: { name: 'labels', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' },
      files: { groundTruth: { content: labelledTruth(['a', 'b'], ['public', 'private']), filename: 'truth.csv' } },
    }).expect(201);
    const mine = await ctfTeam(app, event, 1);
    const other = await ctfTeam(app, event, 1);
    const url = `${await baseUrl(app)}/api/v1/events/${event.slug}/leaderboard/stream?access_token=`;
    const ours = await SseClient.open(url + mine.captain.accessToken);
    const theirs = await SseClient.open(url + other.captain.accessToken);
    try {
      const accepted = await postSubmission(app, event, mine.captain, task.body.id, predictionsCsv(['a', 'a'])).expect(202);
      await settled(app, mine.captain, accepted.body.id);
      const statuses = await eventually(async () => {
        const seen = framesOf(ours, 'submission').map((message) => message.status);
        return seen.includes('scored') ? seen : undefined;
      }, 10_000);
      expect(statuses).toEqual(['running', 'scored']);
      expect(framesOf(ours, 'submission')[1]).toMatchObject({ id: accepted.body.id, teamId: mine.team.id, publicScore: 1 });
      expect(framesOf(theirs, 'submission')).toEqual([]);
    } finally {
      ours.close();
      theirs.close();
    }
  });

  it("should stop a member's team submission messages once an organiser removed them from the team", async () => {
    const event = await runningAiEvent(app);
    const task = await postTask(app, event, {
      fields: { name: 'labels', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' },
      files: { groundTruth: { content: labelledTruth(['a', 'b'], ['public', 'private']), filename: 'truth.csv' } },
    }).expect(201);
    const team = await ctfTeam(app, event, 2);
    const [stayer, removed] = [team.captain, team.members[0]];
    const url = `${await baseUrl(app)}/api/v1/events/${event.slug}/leaderboard/stream?access_token=`;
    const staying = await SseClient.open(url + stayer.accessToken);
    const gone = await SseClient.open(url + removed.accessToken);
    try {
      await Promise.all([staying.board(), gone.board()]);
      // The removed member's stream was opened (and its team resolved) while they were in the team.
      await app.http().delete(`/api/v1/events/${event.slug}/teams/${team.team.id}/members/${removed.id}`).set('Authorization', event.organiser.auth).expect(204);
      const accepted = await postSubmission(app, event, stayer, task.body.id, predictionsCsv(['a', 'a'])).expect(202);
      await settled(app, stayer, accepted.body.id);
      await eventually(async () => (framesOf(staying, 'submission').some((message) => message.status === 'scored') ? true : undefined), 10_000);
      expect(framesOf(gone, 'submission')).toEqual([]);
    } finally {
      staying.close();
      gone.close();
    }
  });
});
