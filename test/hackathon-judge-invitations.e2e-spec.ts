import { randomUUID } from 'crypto';
import { TestEvent } from './factories/event.factory';
import { addJudge, configure, eventPath, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Judges invited by email (POST /events/:slug/judging/invitations): an account with the email becomes a judge at once,
// otherwise a pending invitation with a one-time code that only the account with that email (in any case) can claim.
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

  const claim = (event: TestEvent, code: unknown, caller: TestUser) =>
    app.http().post(eventPath(event, '/judging/invitations/claim')).set('Authorization', caller.auth).send({ code });

  it('should give a one-time code that the account with the invited email (any case) claims, with the invited tracks', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['fintech', 'health'] });
    const email = freshEmail();

    const invited = await invite(event, { email: `  ${email.toUpperCase()} `, tracks: ['health'] }).expect(201);

    expect(invited.body).toMatchObject({ status: 'invited', judge: null, invitation: { email, tracks: ['health'], invitedBy: event.organiser.id } });
    const { code, invitePath } = invited.body;
    expect(code).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(invitePath).toBe(`/judging/invitations/claim?event=${event.slug}&code=${code}`);
    // Neither the listing nor a repeated listing ever shows the code again.
    expect(JSON.stringify((await pending(event).expect(200)).body)).not.toContain(code);
    expect((await pending(event).expect(200)).body.map((row: { email: string }) => row.email)).toEqual([email]);
    const mixedCase = email.replace(/^judge/, 'JuDgE');
    const judge = await registerAs(mixedCase);
    expect(judge.email).toBe(email);
    // Registering alone grants nothing.
    expect(await roles(event, judge)).toEqual({ organiser: false, judge: false });

    expect((await claim(event, code, judge).expect(200)).body).toEqual({ slug: event.slug, tracks: ['health'] });

    expect(await roles(event, judge)).toEqual({ organiser: false, judge: true });
    expect(await judges(event)).toEqual([expect.objectContaining({ judgeId: judge.id, tracks: ['health'] })]);
    // The invitation is spent: the same code again is 404.
    expect((await pending(event).expect(200)).body).toEqual([]);
    expect((await claim(event, code, judge).expect(404)).body.code).toBe('invitation-not-found');
    expect((await app.http().get('/api/v1/judging/me').set('Authorization', judge.auth).expect(200)).body.map((row: { slug: string }) => row.slug)).toEqual([event.slug]);
  });

  it('should not make a judge of whoever registers the invited email first: without the code nothing, with it from another account 403', async () => {
    const event = await runningHackathon(app);
    const email = freshEmail();
    const { code } = (await invite(event, { email }).expect(201)).body;

    // The attacker knows the address and registers it before the invited judge does (sign-up does not verify email).
    const squatter = await registerAs(email);
    expect(await roles(event, squatter)).toEqual({ organiser: false, judge: false });
    await app.http().get(eventPath(event, '/judging/assignments')).set('Authorization', squatter.auth).expect(403);
    expect(await judges(event)).toEqual([]);
    // Guessing codes: all 404, the same answer whatever the code.
    for (const guess of ['x', randomUUID(), code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A')])
      expect((await claim(event, guess, squatter).expect(404)).body.code).toBe('invitation-not-found');

    // A leaked code alone is not enough either: another account holding it is refused, and the invitation stays.
    const other = await registerUser(app);
    expect((await claim(event, code, other).expect(403)).body.code).toBe('invitation-for-another-email');
    expect(await roles(event, other)).toEqual({ organiser: false, judge: false });
    expect((await pending(event).expect(200)).body).toHaveLength(1);
  });

  it('should answer 400 naming the field for a missing code and 404 for an unknown event', async () => {
    const event = await runningHackathon(app);
    const user = await registerUser(app);
    expect((await claim(event, undefined, user).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringContaining('code')]));
    expect((await claim(event, 42, user).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringContaining('code')]));
    await app.http().post('/api/v1/events/no-such-event/judging/invitations/claim').set('Authorization', user.auth).send({ code: 'x' }).expect(404);
    await app.http().post(eventPath(event, '/judging/invitations/claim')).send({ code: 'x' }).expect(401);
  });

  it('should make an existing account a judge at once, and replace the tracks of a repeated invitation', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['fintech', 'health'] });
    const existing = await registerUser(app, { displayName: 'Known judge' });

    const added = await invite(event, { email: existing.email.toUpperCase(), tracks: ['fintech'] }).expect(201);

    expect(added.body).toEqual({
      status: 'added',
      invitation: null,
      code: null,
      invitePath: null,
      judge: { judgeId: existing.id, displayName: 'Known judge', country: existing.country, tracks: ['fintech'] },
    });
    expect(await roles(event, existing)).toEqual({ organiser: false, judge: true });
    expect((await pending(event).expect(200)).body).toEqual([]);
    // Inviting again without tracks keeps theirs.
    expect((await invite(event, { email: existing.email }).expect(201)).body.judge.tracks).toEqual(['fintech']);

    const email = freshEmail();
    const first = (await invite(event, { email, tracks: ['fintech'] }).expect(201)).body;
    const second = (await invite(event, { email, tracks: ['health'] }).expect(201)).body;
    expect(second.invitation).toMatchObject({ id: first.invitation.id, tracks: ['health'] });
    expect((await pending(event).expect(200)).body).toHaveLength(1);
    // Inviting again replaces the code: the first one stops working.
    expect(second.code).not.toBe(first.code);
    const judge = await registerAs(email);
    await claim(event, first.code, judge).expect(404);
    expect((await claim(event, second.code, judge).expect(200)).body.tracks).toEqual(['health']);
  });

  it('should grant only the event that invited, never another', async () => {
    const [invited, other] = [await runningHackathon(app), await runningHackathon(app)];
    const email = freshEmail();
    const { code } = (await invite(invited, { email }).expect(201)).body;
    await invite(other, { email }).expect(201);

    const judge = await registerAs(email);
    // The code of one event claims nothing through another, even one that invited the same email.
    expect((await claim(other, code, judge).expect(404)).body.code).toBe('invitation-not-found');
    await claim(invited, code, judge).expect(200);

    expect(await roles(invited, judge)).toEqual({ organiser: false, judge: true });
    expect(await roles(other, judge)).toEqual({ organiser: false, judge: false });
    expect(await judges(other)).toEqual([]);
    expect((await pending(other).expect(200)).body).toHaveLength(1);
    await app.http().get(eventPath(other, '/judging/assignments')).set('Authorization', judge.auth).expect(403);
  });

  it('should let organisers revoke a pending invitation, so registering later grants nothing', async () => {
    const event = await runningHackathon(app);
    const email = freshEmail();
    const { invitation, code } = (await invite(event, { email }).expect(201)).body;

    await revoke(event, invitation.id).expect(204);

    expect((await pending(event).expect(200)).body).toEqual([]);
    expect((await revoke(event, invitation.id).expect(404)).body.code).toBe('invitation-not-found');
    const user = await registerAs(email);
    expect((await claim(event, code, user).expect(404)).body.code).toBe('invitation-not-found');
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

  it('should make the judge once when two claims race, and either claim or revoke, never both, when they race', async () => {
    const event = await runningHackathon(app);
    for (let round = 0; round < 5; round++) {
      const email = freshEmail();
      const { code } = (await invite(event, { email }).expect(201)).body;
      const judge = await registerAs(email);
      const statuses = (await Promise.all([claim(event, code, judge), claim(event, code, judge), claim(event, code, judge)])).map((response) => response.status);
      expect(statuses.sort()).toEqual([200, 404, 404]);
      expect(await roles(event, judge)).toEqual({ organiser: false, judge: true });
    }
    for (let round = 0; round < 5; round++) {
      const email = freshEmail();
      const { code, invitation } = (await invite(event, { email }).expect(201)).body;
      const user = await registerAs(email);
      const [claimed, revoked] = await Promise.all([claim(event, code, user), revoke(event, invitation.id)]);
      // Exactly one of them found the invitation.
      expect(claimed.status === 200).toBe(revoked.status === 404);
      expect(claimed.status === 404).toBe(revoked.status === 204);
      expect((await roles(event, user)).judge).toBe(claimed.status === 200);
      expect((await pending(event).expect(200)).body.map((row: { email: string }) => row.email)).not.toContain(email);
    }
  });

  it('should make the judge whichever of the invitation and the registration comes first when they race', async () => {
    const event = await runningHackathon(app);
    for (let round = 0; round < 5; round++) {
      const email = freshEmail();
      const [invited, judge] = await Promise.all([invite(event, { email }), registerAs(email)]);
      expect(invited.status).toBe(201);
      // Registered first: added at once; invited first: the registered account claims with the code.
      if (invited.body.status === 'invited') await claim(event, invited.body.code, judge).expect(200);
      expect(await roles(event, judge)).toEqual({ organiser: false, judge: true });
      expect((await pending(event).expect(200)).body.map((row: { email: string }) => row.email)).not.toContain(email);
    }
  });
});
