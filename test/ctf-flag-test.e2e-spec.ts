import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { createEvent, TestEvent } from './factories/event.factory';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

const FLAGS = [
  { type: 'static', content: 'ACS{static_one}' },
  { type: 'regex', content: 'ACS\\{[0-9a-f]{8}\\}', caseInsensitive: true },
  { type: 'static', content: 'acs{Mixed}', caseInsensitive: true },
];

// POST /events/:slug/challenges/flag-test: the console's "test a submission" box. It must say exactly what an attempt
// would answer (same trim, same RE2 matcher), and only organisers may use it.
describe('ctf flag test (POST /events/:slug/challenges/flag-test)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const flagTest = (event: TestEvent, body: Record<string, unknown>, auth = event.organiser.auth) =>
    app.http().post(challengesPath(event, '/flag-test')).set('Authorization', auth).send(body);

  it('should name the flags a trimmed submission matches, static and regex, with their case rules', async () => {
    const event = await runningCtf(app);
    const matching = async (submission: string) => (await flagTest(event, { submission, flags: FLAGS }).expect(200)).body;
    expect(await matching('  ACS{static_one}\n')).toEqual({ submission: 'ACS{static_one}', correct: true, matching: [0] });
    expect(await matching('acs{static_one}')).toEqual({ submission: 'acs{static_one}', correct: false, matching: [] });
    expect(await matching('acs{DEADBEEF}')).toEqual({ submission: 'acs{DEADBEEF}', correct: true, matching: [1] });
    // A regex matches the whole submission only.
    expect((await matching('xACS{deadbeef}')).matching).toEqual([]);
    expect((await matching('ACS{MIXED}')).matching).toEqual([2]);
    expect((await matching('ACS{mixed}')).correct).toBe(true);
    expect((await matching('')).correct).toBe(false);
  });

  it('should agree with the attempt path on the same challenge', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { flags: FLAGS });
    const { captain } = await ctfTeam(app, event);
    for (const submission of ['xACS{deadbeef}', 'ACS{STATIC_ONE}', ' ACS{0123abcd} ']) {
      const test = (await flagTest(event, { submission, flags: FLAGS }).expect(200)).body;
      const answer = (await attempt(app, event, captain, challenge.id, submission).expect(200)).body;
      expect({ submission, status: answer.status }).toEqual({ submission, status: test.correct ? 'correct' : 'incorrect' });
    }
  });

  it('should refuse with 400 naming the flag when a regex does not compile under RE2', async () => {
    const event = await runningCtf(app);
    const response = await flagTest(event, {
      submission: 'ACS{x}',
      flags: [
        { type: 'static', content: 'ACS{x}' },
        { type: 'regex', content: '(?=ACS)ACS\\{x\\}' },
      ],
    }).expect(400);
    expect(String(response.body.message)).toMatch(/^flags\.1\.content is not a valid regular expression \(flags are matched with RE2/);
  });

  it('should refuse with 400 naming the field when the submission or a flag is malformed', async () => {
    const event = await runningCtf(app);
    const tooLong = await flagTest(event, { submission: 'a'.repeat(1001), flags: FLAGS }).expect(400);
    expect(JSON.stringify(tooLong.body.message)).toContain('submission must be shorter than or equal to 1000 characters');
    const badKind = await flagTest(event, { submission: 'x', flags: [{ type: 'glob', content: 'x*' }] }).expect(400);
    expect(JSON.stringify(badKind.body.message)).toContain('flags.0.type must be one of the following values');
    const noFlags = await flagTest(event, { submission: 'x' }).expect(400);
    expect(JSON.stringify(noFlags.body.message)).toContain('flags must be an array');
  });

  it('should refuse a participant (403), a stranger (403) and an anonymous caller (401)', async () => {
    const event = await runningCtf(app);
    const { captain } = await ctfTeam(app, event);
    const body = { submission: 'ACS{static_one}', flags: FLAGS };
    await flagTest(event, body, captain.auth).expect(403);
    await flagTest(event, body, (await registerUser(app)).auth).expect(403);
    await app.http().post(challengesPath(event, '/flag-test')).send(body).expect(401);
  });

  it('should answer 404 for an event that is not a CTF', async () => {
    const event = await createEvent(app, { kind: 'hackathon' });
    await flagTest(event, { submission: 'x', flags: FLAGS }).expect(404);
  });
});
