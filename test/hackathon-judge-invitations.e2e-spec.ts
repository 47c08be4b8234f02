import { randomUUID } from 'crypto';
import { TestEvent } from './factories/event.factory';
import { addJudge, configure, eventPath, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Judges invited by email (POST /events/:slug/judging/invitations): an account with the email becomes a judge at once,
// otherwise a pending invitation that the account later registered with that email (in any case) takes.
describe('hackathon judge invitations', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const invite = (event: TestEvent, body: Record<string, unknown>, caller: TestUser = event.organiser) =>
    app.http().post(eventPath(event, '/judging/invitations')).set('Authorization', caller.auth).send(body);
  const pending = (event: TestEvent, caller: TestUser = event.organiser) => app.http().get(eventPath(event, '/judging/invitations')).set('Authorization', caller.auth);
  const revoke = (event: TestEvent, id: string, caller: TestUser = event.organiser) =>
    app
      .http()
      .delete(eventPath(event, `/judging/invitations/${id}`))
      .set('Authorization', caller.auth);
  const judges = async (event: TestEvent): Promise<Array<{ judgeId: string; tracks: string[] }>> =>
    (await app.http().get(eventPath(event, '/judging/judges')).set('Authorization', event.organiser.auth).expect(200)).body;
  const roles = async (event: TestEvent, user: { auth: string }) => (await app.http().get(eventPath(event, '/staff/me')).set('Authorization', user.auth).expect(200)).body;
  const freshEmail = () => `judge-${randomUUID()}@arena.test`;

  /** Registers through the API with exactly this email (any case). */
  async function registerAs(email: string): Promise<TestUser> {
    const password = 'correct-horse-battery';
    const response = await app.http().post('/api/v1/auth/register').send({ email, password, displayName: 'Invited judge', country: 'TH' });
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
    const { user, accessToken, refreshToken } = response.body;
    return { id: user.id, email: user.email, password, country: 'TH', accessToken, refreshToken, auth: `Bearer ${accessToken}` };
  }

  it('should make the account registered with an invited email a judge with the invited tracks, in any case', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['fintech', 'health'] });
    const email = freshEmail();

    const invited = await invite(event, { email: `  ${email.toUpperCase()} `, tracks: ['health'] }).expect(201);

    expect(invited.body).toMatchObject({ status: 'invited', judge: null, invitation: { email, tracks: ['health'], invitedBy: event.organiser.id } });
    expect((await pending(event).expect(200)).body.map((row: { email: string }) => row.email)).toEqual([email]);
    const mixedCase = email.replace(/^judge/, 'JuDgE');
    const judge = await registerAs(mixedCase);
    expect(judge.email).toBe(email);
    expect(await roles(event, judge)).toEqual({ organiser: false, judge: true });
    expect(await judges(event)).toEqual([expect.objectContaining({ judgeId: judge.id, tracks: ['health'] })]);
    // The invitation is spent.
    expect((await pending(event).expect(200)).body).toEqual([]);
    expect((await app.http().get('/api/v1/judging/me').set('Authorization', judge.auth).expect(200)).body.map((row: { slug: string }) => row.slug)).toEqual([event.slug]);
  });

  it('should make an existing account a judge at once, and replace the tracks of a repeated invitation', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['fintech', 'health'] });
    const existing = await registerUser(app, { displayName: 'Known judge' });

    const added = await invite(event, { email: existing.email.toUpperCase(), tracks: ['fintech'] }).expect(201);

    expect(added.body).toEqual({ status: 'added', invitation: null, judge: { judgeId: existing.id, displayName: 'Known judge', country: existing.country, tracks: ['fintech'] } });
    expect(await roles(event, existing)).toEqual({ organiser: false, judge: true });
    expect((await pending(event).expect(200)).body).toEqual([]);
    // Inviting again without tracks keeps theirs.
    expect((await invite(event, { email: existing.email }).expect(201)).body.judge.tracks).toEqual(['fintech']);

    const email = freshEmail();
    const first = (await invite(event, { email, tracks: ['fintech'] }).expect(201)).body.invitation;
    const second = (await invite(event, { email, tracks: ['health'] }).expect(201)).body.invitation;
    expect(second).toMatchObject({ id: first.id, tracks: ['health'] });
    expect((await pending(event).expect(200)).body).toHaveLength(1);
  });

  it('should grant only the event that invited, never another', async () => {
    const [invited, other] = [await runningHackathon(app), await runningHackathon(app)];
    const email = freshEmail();
    await invite(invited, { email }).expect(201);

    const judge = await registerAs(email);

    expect(await roles(invited, judge)).toEqual({ organiser: false, judge: true });
    expect(await roles(other, judge)).toEqual({ organiser: false, judge: false });
    expect(await judges(other)).toEqual([]);
    await app.http().get(eventPath(other, '/judging/assignments')).set('Authorization', judge.auth).expect(403);
  });

  it('should let organisers revoke a pending invitation, so registering later grants nothing', async () => {
    const event = await runningHackathon(app);
    const email = freshEmail();
    const { id } = (await invite(event, { email }).expect(201)).body.invitation;

    await revoke(event, id).expect(204);

    expect((await pending(event).expect(200)).body).toEqual([]);
    expect((await revoke(event, id).expect(404)).body.code).toBe('invitation-not-found');
    const user = await registerAs(email);
    expect(await roles(event, user)).toEqual({ organiser: false, judge: false });
  });

  it('should refuse participants, judges and other events’ organisers, for inviting, listing and revoking', async () => {
    const event = await runningHackathon(app);
    const other = await runningHackathon(app);
    const { captain } = await teamWithProject(app, event);
    const judge = await addJudge(app, event);
    const { id } = (await invite(event, { email: freshEmail() }).expect(201)).body.invitation;
    const email = freshEmail();

    for (const caller of [captain, judge, other.organiser]) {
      expect((await invite(event, { email }, caller).expect(403)).body.code).toBe('not-organiser');
      await pending(event, caller).expect(403);
      await revoke(event, id, caller).expect(403);
    }
    // Through their own event, another organiser reaches none of this event's invitations.
    await revoke(other, id, other.organiser).expect(404);
    expect((await pending(event).expect(200)).body.map((row: { id: string }) => row.id)).toEqual([id]);
    // Nobody got the participant's email invited: registering with it grants nothing.
    const user = await registerAs(email);
    expect(await roles(event, user)).toEqual({ organiser: false, judge: false });
  });

  it('should answer 400 naming the field for a bad email or an unknown track, and 404 for a non-hackathon event', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['fintech'] });
    expect((await invite(event, { email: 'not-an-email' }).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringContaining('email')]));
    expect((await invite(event, { email: freshEmail(), tracks: ['space'] }).expect(400)).body.message).toContain('tracks: unknown space');
    expect((await invite(event, { email: freshEmail(), role: 'organizer' }).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringContaining('role')]));
    await app.http().delete(eventPath(event, '/judging/invitations/nope')).set('Authorization', event.organiser.auth).expect(400);
    const ctf = await runningHackathon(app, { kind: 'ctf' });
    await invite(ctf, { email: freshEmail() }).expect(404);
  });

  it('should make the judge whichever of the invitation and the registration comes first when they race', async () => {
    const event = await runningHackathon(app);
    for (let round = 0; round < 5; round++) {
      const email = freshEmail();
      const [invited, judge] = await Promise.all([invite(event, { email }), registerAs(email)]);
      expect(invited.status).toBe(201);
      expect(await roles(event, judge)).toEqual({ organiser: false, judge: true });
      expect((await pending(event).expect(200)).body.map((row: { email: string }) => row.email)).not.toContain(email);
    }
  });
});
