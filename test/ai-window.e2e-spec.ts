import { INestApplicationContext } from '@nestjs/common';
import { hoursFromNow } from './factories/event.factory';
import { labelledTruth, postSubmission, postTask, predictionsCsv, runningAiEvent, settled } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

// A task may have its own window inside the event's: uploads only inside it, private scores once it closes.
describe('ai task window', () => {
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

  const truth = { groundTruth: { content: labelledTruth(['a', 'b'], ['public', 'private']), filename: 'truth.csv' } };

  it('should refuse uploads outside the task window and name a backwards window', async () => {
    const event = await runningAiEvent(app);
    const bad = await postTask(app, event, {
      fields: { name: 'w', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', opensAt: hoursFromNow(2), closesAt: hoursFromNow(1) },
      files: truth,
    }).expect(400);
    expect(bad.body.message).toContain('closesAt');
    const later = await postTask(app, event, {
      fields: { name: 'later', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', opensAt: hoursFromNow(1) },
      files: truth,
    }).expect(201);
    expect(later.body).toMatchObject({ opensAt: expect.any(String), closesAt: null });
    const { captain } = await ctfTeam(app, event, 1);
    const refused = await postSubmission(app, event, captain, later.body.id, predictionsCsv(['a', 'b'])).expect(403);
    expect(refused.body.code).toBe('outside-window');
  });

  it('should reveal private scores and the private board when the task closes, before the event ends', async () => {
    const event = await runningAiEvent(app);
    // The team exists first, so only the upload, its scoring and the reads before the close fall in the task's window,
    // which is long enough for a loaded machine to score one small file: all of that must happen before the close.
    const { captain, team } = await ctfTeam(app, event, 1);
    const task = await postTask(app, event, {
      fields: { name: 'short', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', closesAt: new Date(Date.now() + 8000).toISOString() },
      files: truth,
    }).expect(201);
    const accepted = await postSubmission(app, event, captain, task.body.id, predictionsCsv(['a', 'b'])).expect(202);
    expect((await settled(app, captain, accepted.body.id)).privateScore).toBeNull();
    await app.http().get(`/api/v1/events/${event.slug}/leaderboard?task=short&board=private`).expect(403);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(task.body.closesAt) - Date.now() + 100)));
    await postSubmission(app, event, captain, task.body.id, predictionsCsv(['a', 'b'])).expect(403);
    const after = await app.http().get(`/api/v1/submissions/${accepted.body.id}`).set('Authorization', captain.auth).expect(200);
    expect(after.body.privateScore).toBe(1);
    const board = await eventually(async () => {
      const response = await app.http().get(`/api/v1/events/${event.slug}/leaderboard?task=short&board=private`);
      return response.status === 200 && response.body.rows.length === 1 ? response.body : undefined;
    });
    expect(board.rows[0]).toMatchObject({ teamId: team.id, score: 1 });
  });
});
