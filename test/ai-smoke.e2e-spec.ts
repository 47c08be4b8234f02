import { INestApplicationContext } from '@nestjs/common';
import { labelledTruth, postSubmission, postTask, predictionsCsv, runningAiEvent, settled } from './factories/ai.factory';
import { ctfTeam } from './factories/ctf.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

describe('ai (a first walk through)', () => {
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

  it('should score a prediction file on both splits and rank it on the public board', async () => {
    const event = await runningAiEvent(app);
    const truth = labelledTruth(['a', 'b', 'a', 'b', 'a', 'b'], ['public', 'public', 'public', 'private', 'private', 'private']);
    const task = await postTask(app, event, {
      fields: { name: 'sentiment', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage', maxDailySubmissions: '5' },
      files: { groundTruth: { content: truth, filename: 'truth.csv' } },
    }).expect(201);
    expect(task.body).toMatchObject({ name: 'sentiment', metric: 'accuracy', rows: 6, higherIsBetter: true });
    const { captain, team } = await ctfTeam(app, event, 1);
    // Public rows r1..r3: 2 of 3 right; private rows r4..r6: 3 of 3 right.
    const accepted = await postSubmission(app, event, captain, task.body.id, predictionsCsv(['a', 'a', 'a', 'b', 'a', 'b'])).expect(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued' });
    const done = await settled(app, captain, accepted.body.id);
    expect(done).toMatchObject({ status: 'scored', privateScore: null });
    expect(done.publicScore).toBeCloseTo(2 / 3, 12);
    const organiserView = await app.http().get(`/api/v1/submissions/${accepted.body.id}`).set('Authorization', event.organiser.auth).expect(200);
    expect(organiserView.body.privateScore).toBe(1);
    const bad = await postSubmission(app, event, captain, task.body.id, 'id,label\nr1,a\nr1,b\n').expect(202);
    const failed = await settled(app, captain, bad.body.id);
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'invalid-file' });
    expect(failed.report.messages.join(' ')).toMatch(/row 2/);
    // The board is recomputed by the worker a moment after the score (a 200 ms window, then the run).
    const row = await eventually(async () => {
      const board = await app.http().get(`/api/v1/events/${event.slug}/leaderboard?task=sentiment`).expect(200);
      return board.body.rows[0];
    });
    expect(row).toMatchObject({ rank: 1, teamId: team.id });
  });
});
