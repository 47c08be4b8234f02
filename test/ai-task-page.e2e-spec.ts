import { createTask, labelledTruth, postSubmission, predictionsCsv, runningAiEvent } from './factories/ai.factory';
import { hoursFromNow } from './factories/event.factory';
import { configure, eventPath, runningHackathon } from './factories/hackathon.factory';
import { registeredUser, teamWithMembers } from './factories/team.factory';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// What the web app's AI task and hackathon pages read: a task's description, deadline and file limit, the team's
// quota, and the archive limit. No worker runs here, so uploads stay queued (they count until they fail).
const FIELDS = { name: 'sentiment', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' };
const TRUTH = labelledTruth(['pos', 'neg', 'pos', 'neg'], ['public', 'public', 'private', 'private']);
const PREDICTIONS = predictionsCsv(['pos', 'neg', 'pos', 'pos']);

describe('ai task page reads (description, deadline, quota, limits)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ MAX_SUBMISSION_BYTES: '4096', MAX_ATTACHMENT_BYTES: '8192' });
  });

  afterAll(async () => {
    await app.close();
  });

  const quota = (slug: string, taskId: string, auth: string) => app.http().get(`/api/v1/events/${slug}/tasks/${taskId}/quota`).set('Authorization', auth);

  it('should keep the markdown description as written and expose the deadline and the file limit when a task is read', async () => {
    const event = await runningAiEvent(app);
    const description = '# Review sentiment\n\nPredict **pos** or **neg**. <img src=x onerror=alert(1)>';
    const task = await createTask(app, event, { ...FIELDS, description }, TRUTH);
    const read = await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}`).expect(200);
    expect(read.body).toMatchObject({ description, deadline: event.body.endsAt, maxFileBytes: 4096 });

    const closesAt = hoursFromNow(2);
    const own = await createTask(app, event, { ...FIELDS, name: 'early', closesAt }, TRUTH);
    expect(own.deadline).toBe(closesAt);
    expect(own.description).toBe('');
  });

  it('should refuse a description over 20 000 characters, naming the field', async () => {
    const event = await runningAiEvent(app);
    const response = await app
      .http()
      .post(`/api/v1/events/${event.slug}/tasks`)
      .set('Authorization', event.organiser.auth)
      .field({ ...FIELDS, description: 'x'.repeat(20_001) })
      .attach('groundTruth', Buffer.from(TRUTH), 'truth.csv')
      .expect(400);
    expect(JSON.stringify(response.body.message)).toContain('description');
  });

  it("should count the team's uploads of the day and what is left when a member asks for the quota", async () => {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { ...FIELDS, maxDailySubmissions: '3', maxSubmissions: '10' }, TRUTH);
    const { captain, members } = await teamWithMembers(app, event, 1);
    const before = await quota(event.slug, task.id, captain.auth).expect(200);
    expect(before.body).toMatchObject({
      taskId: task.id,
      maxDailySubmissions: 3,
      usedToday: 0,
      maxSubmissions: 10,
      used: 0,
      leftToday: 3,
      inFlight: 0,
      maxInFlight: 2,
      open: true,
      finalsOpen: true,
      maxFinal: 2,
      maxFileBytes: 4096,
    });
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(before.body.resetsAt).toBe(midnight.toISOString());

    await postSubmission(app, event, captain, task.id, PREDICTIONS).expect(202);
    await postSubmission(app, event, members[0], task.id, PREDICTIONS).expect(202);
    // The same figures for every member of the team.
    const after = await quota(event.slug, task.id, members[0].auth).expect(200);
    expect(after.body).toMatchObject({ usedToday: 2, used: 2, leftToday: 1, inFlight: 2 });

    // Another team's count is its own.
    const other = await teamWithMembers(app, event, 0);
    expect((await quota(event.slug, task.id, other.captain.auth).expect(200)).body).toMatchObject({ usedToday: 0, leftToday: 3 });
  });

  it('should take the tighter of the daily and the total limit for what is left today, and null when there is none', async () => {
    const event = await runningAiEvent(app);
    const tight = await createTask(app, event, { ...FIELDS, maxDailySubmissions: '5', maxSubmissions: '1' }, TRUTH);
    const open = await createTask(app, event, { ...FIELDS, name: 'open' }, TRUTH);
    const { captain } = await teamWithMembers(app, event, 0);
    await postSubmission(app, event, captain, tight.id, PREDICTIONS).expect(202);
    expect((await quota(event.slug, tight.id, captain.auth).expect(200)).body).toMatchObject({ leftToday: 0, usedToday: 1 });
    expect((await quota(event.slug, open.id, captain.auth).expect(200)).body).toMatchObject({ leftToday: null, maxDailySubmissions: null });
  });

  it('should refuse the quota to a user in no team, a stranger and a bad id, and 404 a task of another event', async () => {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, FIELDS, TRUTH);
    const loner = await registeredUser(app, event);
    expect((await quota(event.slug, task.id, loner.auth).expect(403)).body.code).toBe('not-in-team');
    const stranger = await registerUser(app);
    await quota(event.slug, task.id, stranger.auth).expect(403);
    await app.http().get(`/api/v1/events/${event.slug}/tasks/${task.id}/quota`).expect(401);
    expect(JSON.stringify((await quota(event.slug, 'not-a-uuid', loner.auth).expect(400)).body.message)).toContain('id');
    const elsewhere = await runningAiEvent(app);
    const { captain } = await teamWithMembers(app, elsewhere, 0);
    await quota(elsewhere.slug, task.id, captain.auth).expect(404);
  });

  it('should say that submissions and finals are closed once the task has closed', async () => {
    const event = await runningAiEvent(app);
    const running = await createTask(app, event, FIELDS, TRUTH);
    const closed = await createTask(app, event, { ...FIELDS, name: 'closed', opensAt: hoursFromNow(-1), closesAt: hoursFromNow(-0.5) }, TRUTH);
    const { captain } = await teamWithMembers(app, event, 0);
    expect((await quota(event.slug, running.id, captain.auth).expect(200)).body).toMatchObject({ open: true, finalsOpen: true });
    expect((await quota(event.slug, closed.id, captain.auth).expect(200)).body).toMatchObject({ open: false, finalsOpen: false });
  });

  it('should refuse an upload over the exposed limit with 413, and not count it', async () => {
    const event = await runningAiEvent(app);
    const task = await createTask(app, event, { ...FIELDS, maxDailySubmissions: '3' }, TRUTH);
    const { captain } = await teamWithMembers(app, event, 0);
    const limit = (await quota(event.slug, task.id, captain.auth).expect(200)).body.maxFileBytes as number;
    await postSubmission(app, event, captain, task.id, 'x'.repeat(limit + 1)).expect(413);
    expect((await quota(event.slug, task.id, captain.auth).expect(200)).body).toMatchObject({ usedToday: 0, leftToday: 3 });
  });

  it("should expose the api's archive limit in the hackathon settings", async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { checks: { requiredFiles: ['README*'], maxArchiveBytes: 100 } });
    const settings = await app.http().get(eventPath(event, '/hackathon')).expect(200);
    expect(settings.body).toMatchObject({ maxUploadBytes: 8192, checks: { maxArchiveBytes: 100 } });
  });
});
