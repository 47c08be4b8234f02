import { attempt, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { hoursFromNow, TestEvent } from './factories/event.factory';
import { registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Flag attempts: matching rules, the value answered, the window, attempt limits, the brute-force brake, the review log.
describe('ctf attempts', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const statusOf = async (event: TestEvent, user: Parameters<typeof attempt>[2], challengeId: string, submission: string) =>
    (await attempt(app, event, user, challengeId, submission).expect(200)).body.status;
  const attemptLog = (event: TestEvent, query = '') => app.http().get(`/api/v1/events/${event.slug}/attempts${query}`).set('Authorization', event.organiser.auth);

  it('should accept a static flag with surrounding whitespace and respect its case', async () => {
    const event = await runningCtf(app);
    const exact = await createChallenge(app, event, { flags: [{ type: 'static', content: 'ACS{Case}' }] });
    const loose = await createChallenge(app, event, { flags: [{ type: 'static', content: 'ACS{Case}', caseInsensitive: true }] });
    const { captain } = await ctfTeam(app, event);
    expect(await statusOf(event, captain, exact.id, 'acs{case}')).toBe('incorrect');
    expect(await statusOf(event, captain, exact.id, 'ACS{Case')).toBe('incorrect');
    expect(await statusOf(event, captain, exact.id, ' \t ACS{Case}\n ')).toBe('correct');
    expect(await statusOf(event, captain, loose.id, '  aCs{cASE} ')).toBe('correct');
  });

  it('should accept a regex flag only when it matches the whole submission', async () => {
    const event = await runningCtf(app);
    const strict = await createChallenge(app, event, { flags: [{ type: 'regex', content: 'ACS\\{[0-9]+\\}' }] });
    const loose = await createChallenge(app, event, { flags: [{ type: 'regex', content: 'acs\\{[a-z]+\\}', caseInsensitive: true }] });
    const { captain } = await ctfTeam(app, event);
    for (const wrong of ['xACS{123}', 'ACS{123}x', 'ACS{12a}', 'acs{123}', 'ACS{}']) {
      expect(await statusOf(event, captain, strict.id, wrong)).toBe('incorrect');
    }
    expect(await statusOf(event, captain, strict.id, ' ACS{123} ')).toBe('correct');
    expect(await statusOf(event, captain, loose.id, 'ACS{abc}!')).toBe('incorrect');
    expect(await statusOf(event, captain, loose.id, 'ACS{AbC}')).toBe('correct');
  });

  it('should accept a CTFd-style regex with literal braces when it is created', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { flags: [{ type: 'regex', content: 'ACS{[a-z_]+}' }] });
    const { captain } = await ctfTeam(app, event);
    expect(await statusOf(event, captain, challenge.id, 'ACS{no_digits_1}')).toBe('incorrect');
    expect(await statusOf(event, captain, challenge.id, 'ACS{literal_braces}')).toBe('correct');
  });

  it('should accept any of several flags when a challenge has more than one', async () => {
    const event = await runningCtf(app);
    const flags = [
      { type: 'static', content: 'ACS{one}' },
      { type: 'regex', content: 'ACS\\{t[wh]o\\}' },
    ];
    const challenge = await createChallenge(app, event, { flags });
    const [first, second, third] = [await ctfTeam(app, event), await ctfTeam(app, event), await ctfTeam(app, event)];
    expect(await statusOf(event, first.captain, challenge.id, 'ACS{one}')).toBe('correct');
    expect(await statusOf(event, second.captain, challenge.id, 'ACS{tho}')).toBe('correct');
    expect(await statusOf(event, third.captain, challenge.id, 'ACS{three}')).toBe('incorrect');
  });

  it('should answer the value after the attempt when a dynamic challenge decays', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 75, decay: 10 });
    const teams = [];
    for (let i = 0; i < 5; i += 1) teams.push(await ctfTeam(app, event));
    expect((await attempt(app, event, teams[0].captain, challenge.id, 'nope').expect(200)).body).toEqual({ status: 'incorrect', value: 100 });
    const values = [];
    for (const team of teams.slice(0, 4)) values.push((await attempt(app, event, team.captain, challenge.id, challenge.flag).expect(200)).body);
    expect(values).toEqual([100, 90, 80, 75].map((value) => ({ status: 'correct', value })));
    expect((await attempt(app, event, teams[4].captain, challenge.id, 'nope').expect(200)).body).toEqual({ status: 'incorrect', value: 75 });
    expect((await attempt(app, event, teams[0].captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'already_solved', value: 75 });
  });

  it('should answer the frozen value to participants when the event is frozen', async () => {
    const event = await runningCtf(app, { freezeAt: hoursFromNow(-0.5) });
    const challenge = await createChallenge(app, event, { type: 'dynamic', function: 'linear', value: undefined, initial: 100, minimum: 10, decay: 10 });
    const [first, second] = [await ctfTeam(app, event), await ctfTeam(app, event)];
    expect((await attempt(app, event, first.captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'correct', value: 100 });
    expect((await attempt(app, event, second.captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'correct', value: 100 });
    expect((await attempt(app, event, first.captain, challenge.id, challenge.flag).expect(200)).body).toEqual({ status: 'already_solved', value: 100 });
    const live = await app.http().get(`/api/v1/events/${event.slug}/challenges/${challenge.id}`).set('Authorization', event.organiser.auth).expect(200);
    expect(live.body).toMatchObject({ value: 90, solves: 2 });
  });

  it('should answer already_solved when another member submits after the solve', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const { captain, members } = await ctfTeam(app, event, 2);
    expect(await statusOf(event, captain, challenge.id, challenge.flag)).toBe('correct');
    expect(await statusOf(event, members[0], challenge.id, challenge.flag)).toBe('already_solved');
    expect(await statusOf(event, members[0], challenge.id, 'wrong')).toBe('already_solved');
  });

  it('should answer 403 when the attempt falls outside the event window', async () => {
    const early = await runningCtf(app, { startsAt: hoursFromNow(1), endsAt: hoursFromNow(5) });
    const notYet = await createChallenge(app, early);
    const { captain: eager } = await ctfTeam(app, early);
    await attempt(app, early, eager, notYet.id, notYet.flag).expect(403);
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const { captain } = await ctfTeam(app, event);
    await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ endsAt: hoursFromNow(-0.1) })
      .expect(200);
    const late = await attempt(app, event, captain, challenge.id, challenge.flag).expect(403);
    expect(late.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect((await attemptLog(event).expect(200)).body).toEqual([]);
  });

  it('should answer 403 when the caller is in no team of the event', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const loner = await registeredUser(app, event);
    await attempt(app, event, loner, challenge.id, challenge.flag).expect(403);
    await attempt(app, event, event.organiser, challenge.id, challenge.flag).expect(403);
    const elsewhere = await runningCtf(app);
    const outsider = await ctfTeam(app, elsewhere);
    await attempt(app, event, outsider.captain, challenge.id, challenge.flag).expect(403);
  });

  it('should refuse every attempt, even the right flag, when no attempts are left', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { maxAttempts: 2 });
    const { captain, members } = await ctfTeam(app, event, 2);
    expect(await statusOf(event, captain, challenge.id, 'wrong-1')).toBe('incorrect');
    expect(await statusOf(event, members[0], challenge.id, 'wrong-2')).toBe('incorrect');
    const refused = await attempt(app, event, captain, challenge.id, 'wrong-3').expect(403);
    expect(refused.body.message).toContain('attempts');
    await attempt(app, event, members[0], challenge.id, challenge.flag).expect(403);
    const other = await ctfTeam(app, event);
    expect(await statusOf(event, other.captain, challenge.id, challenge.flag)).toBe('correct');
    expect((await attemptLog(event, `?challengeId=${challenge.id}`).expect(200)).headers['x-total-count']).toBe('3');
  });

  it('should answer 429 with Retry-After when a team sends too many wrong attempts in a minute', async () => {
    const event = await runningCtf(app, { ctf: { wrongAttemptsPerMinute: 3 } });
    const target = await createChallenge(app, event);
    const sibling = await createChallenge(app, event);
    const { captain, members } = await ctfTeam(app, event, 2);
    for (const guess of ['g1', 'g2', 'g3']) expect(await statusOf(event, captain, target.id, guess)).toBe('incorrect');
    const limited = await attempt(app, event, members[0], target.id, 'g4').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ statusCode: 429 });
    expect(await statusOf(event, captain, sibling.id, 'g1')).toBe('incorrect');
    const other = await ctfTeam(app, event);
    expect(await statusOf(event, other.captain, target.id, 'g1')).toBe('incorrect');
    // Only wrong attempts are braked: the right flag still counts.
    expect((await attempt(app, event, captain, target.id, target.flag).expect(200)).body.status).toBe('correct');
    // Once solved, any submission answers already_solved, also past the brake.
    expect(await statusOf(event, members[0], target.id, 'g5')).toBe('already_solved');
    expect((await attemptLog(event, `?challengeId=${target.id}&verdict=incorrect`).expect(200)).headers['x-total-count']).toBe('4');
    expect((await attemptLog(event, `?challengeId=${target.id}&verdict=already_solved`).expect(200)).headers['x-total-count']).toBe('1');
  });

  it('should log every attempt for the organiser with filters', async () => {
    const event = await runningCtf(app);
    const first = await createChallenge(app, event);
    const second = await createChallenge(app, event);
    const a = await ctfTeam(app, event, 2);
    const b = await ctfTeam(app, event);
    const before = Date.now();
    await attempt(app, event, a.captain, first.id, '  guess-1 ').expect(200);
    await attempt(app, event, a.members[0], first.id, first.flag).expect(200);
    await attempt(app, event, a.captain, first.id, first.flag).expect(200);
    await attempt(app, event, b.captain, second.id, 'guess-2').expect(200);
    const all = await attemptLog(event).expect(200);
    expect(all.headers['x-total-count']).toBe('4');
    expect(all.body.map((row: { submission: string; verdict: string }) => [row.submission, row.verdict])).toEqual([
      ['guess-2', 'incorrect'],
      [first.flag, 'already_solved'],
      [first.flag, 'correct'],
      ['guess-1', 'incorrect'],
    ]);
    expect(all.body[3]).toEqual({
      id: expect.any(String),
      challengeId: first.id,
      teamId: a.team.id,
      userId: a.captain.id,
      submission: 'guess-1',
      verdict: 'incorrect',
      ip: expect.any(String),
      createdAt: expect.any(String),
      count: 1,
      lastAt: all.body[3].createdAt,
      challengeName: first.name,
      teamName: a.team.name,
      userName: expect.any(String),
      sharedWith: 0,
    });
    expect(Date.parse(all.body[3].createdAt)).toBeGreaterThanOrEqual(before - 5000);
    const byTeam = (await attemptLog(event, `?teamId=${b.team.id}`).expect(200)).body;
    expect(byTeam.map((row: { userId: string }) => row.userId)).toEqual([b.captain.id]);
    const correct = (await attemptLog(event, `?verdict=correct&challengeId=${first.id}`).expect(200)).body;
    expect(correct.map((row: { userId: string }) => row.userId)).toEqual([a.members[0].id]);
    const page = await attemptLog(event, '?limit=1&offset=1').expect(200);
    expect(page.body.map((row: { verdict: string }) => row.verdict)).toEqual(['already_solved']);
    expect(page.headers['x-total-count']).toBe('4');
    await attemptLog(event, '?verdict=maybe').expect(400);
    await app.http().get(`/api/v1/events/${event.slug}/attempts`).set('Authorization', a.captain.auth).expect(403);
  });

  // Well-formed attempts are answered before Nest's pipeline (AttemptsFastPath); everything else must still get the
  // pipeline's answers, and errors from either path the contract's shape.
  it('should answer malformed attempts with a 400 naming the field or a 401, and store none of them', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const { captain } = await ctfTeam(app, event);
    const post = (id: string, auth: string | undefined, body: unknown) => {
      const request = app.http().post(`/api/v1/events/${event.slug}/challenges/${id}/attempts`);
      return (auth === undefined ? request : request.set('Authorization', auth)).send(body as object);
    };
    const messages = async (body: unknown) => (await post(challenge.id, captain.auth, body).expect(400)).body.message.join(' ');
    expect(await messages({})).toContain('submission must be a string');
    expect(await messages({ submission: 42 })).toContain('submission must be a string');
    expect(await messages({ submission: 'ACS{x}', teamId: captain.id })).toContain('property teamId should not exist');
    expect(await messages({ submission: 'x'.repeat(1001) })).toContain('submission must be shorter than or equal to 1000 characters');
    expect(await messages(['ACS{x}'])).toContain('submission');
    const badId = await post('not-a-uuid', captain.auth, { submission: 'g' }).expect(400);
    expect(badId.body).toMatchObject({ statusCode: 400, code: 'invalid-id', message: 'id must be a UUID' });
    await post(challenge.id, undefined, { submission: challenge.flag }).expect(401);
    await post(challenge.id, 'Bearer not.a.token', { submission: challenge.flag }).expect(401);
    await post(challenge.id, captain.auth.replace('Bearer ', 'Token '), { submission: challenge.flag }).expect(401);
    expect((await attemptLog(event).expect(200)).headers['x-total-count']).toBe('0');
    // The longest submission the DTO allows is taken, and the right flag still solves.
    expect(await statusOf(event, captain, challenge.id, 'y'.repeat(1000))).toBe('incorrect');
    expect(await statusOf(event, captain, challenge.id, challenge.flag)).toBe('correct');
  });

  it("should answer a failed attempt with the contract's error body and the caller's request id", async () => {
    const event = await runningCtf(app);
    const { captain } = await ctfTeam(app, event);
    const missing = '00000000-0000-4000-8000-000000000000';
    const answer = await attempt(app, event, captain, missing, 'g').set('X-Request-Id', 'attempt-404').expect(404);
    expect(answer.headers['x-request-id']).toBe('attempt-404');
    expect(answer.headers['content-type']).toContain('application/json');
    expect(answer.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining(missing), code: expect.any(String), requestId: 'attempt-404' });
  });
});
