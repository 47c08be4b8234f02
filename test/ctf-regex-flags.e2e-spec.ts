import { DataSource } from 'typeorm';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { challengesByName, importYaml, importZip } from './fixtures/ctf/import';
import { buildZip } from './fixtures/ctf/zip-writer';
import { createTestApp, TestApp } from './utils/test-app';

const LOOKAHEAD = '(?=ACS)ACS\\{[a-z]+\\}';
const yamlWith = (name: string, regex: string) => `name: ${name}\ncategory: misc\nvalue: 100\nflags:\n  - ACS{${name}}\n  - type: regex\n    content: '${regex}'\n`;

// Regex flags run with RE2 (linear time): an organiser's catastrophic pattern cannot stall the api, and a pattern
// RE2 cannot compile is refused where it enters (create, update, import), naming the flag.
describe('ctf regex flags (RE2)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const statusOf = async (event: TestEvent, user: Parameters<typeof attempt>[2], challengeId: string, submission: string) =>
    (await attempt(app, event, user, challengeId, submission).expect(200)).body.status;

  // Not timed: with a backtracking engine this attempt never returns (2^999 paths on one event loop), so the test
  // passes only because the call answers at all within jest's timeout.
  it('should answer incorrect, and keep answering, when a catastrophic regex flag meets its worst submission', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { flags: [{ type: 'regex', content: '^(a+)+$' }] });
    const { captain, members } = await ctfTeam(app, event, 2);
    // The longest submission the contract accepts; a longer one is a 400 before any flag sees it.
    expect(await statusOf(event, captain, challenge.id, `${'a'.repeat(999)}b`)).toBe('incorrect');
    const tooLong = await attempt(app, event, captain, challenge.id, `${'a'.repeat(50_000)}b`).expect(400);
    expect(JSON.stringify(tooLong.body.message)).toContain('submission');
    expect(await statusOf(event, members[0], challenge.id, 'a'.repeat(1000))).toBe('correct');
  });

  it('should still solve with a normal regex flag, trimmed and case-insensitive as configured', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, { flags: [{ type: 'regex', content: 'ACS\\{[0-9a-f]{8}\\}', caseInsensitive: true }] });
    const { captain } = await ctfTeam(app, event);
    expect(await statusOf(event, captain, challenge.id, 'ACS{0123456}')).toBe('incorrect');
    expect(await statusOf(event, captain, challenge.id, 'xACS{01234567}')).toBe('incorrect');
    expect(await statusOf(event, captain, challenge.id, '  acs{DEADBEEF}\n')).toBe('correct');
  });

  it('should answer 400 naming the flag and RE2 when a created or patched challenge has a lookahead', async () => {
    const event = await runningCtf(app);
    const flags = [
      { type: 'static', content: 'ACS{ok}' },
      { type: 'regex', content: LOOKAHEAD },
    ];
    const created = await app
      .http()
      .post(challengesPath(event))
      .set('Authorization', event.organiser.auth)
      .send({ name: 'lookahead', category: 'web', description: 'x', type: 'standard', value: 100, flags })
      .expect(400);
    expect(created.body.message).toMatch(/^flags\.1\.content is not a valid regular expression .*RE2.*no lookaround or backreferences/);
    const challenge = await createChallenge(app, event);
    const patched = await app
      .http()
      .patch(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ flags })
      .expect(400);
    expect(patched.body.message).toMatch(/^flags\.1\.content .*RE2/);
    const backreference = [{ type: 'regex', content: '(ACS)\\1' }];
    await app
      .http()
      .patch(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .send({ flags: backreference })
      .expect(400);
    const { captain } = await ctfTeam(app, event);
    expect(await statusOf(event, captain, challenge.id, challenge.flag)).toBe('correct');
  });

  it('should answer 400 naming the flag and import nothing when an imported challenge.yml or zip has a lookahead', async () => {
    const event = await runningCtf(app);
    const single = await importYaml(app, event, yamlWith('Peek', LOOKAHEAD)).expect(400);
    expect(single.body.message).toMatch(/^challenge\.yml: flags\[1\]\.content is not a valid regular expression .*no lookaround or backreferences/);
    const zip = buildZip([
      { name: 'fine/challenge.yml', data: yamlWith('Fine', 'ACS\\{[a-z]+\\}') },
      { name: 'peek/challenge.yml', data: yamlWith('Peek', LOOKAHEAD) },
    ]);
    const archive = await importZip(app, event, zip).expect(400);
    expect(archive.body.message).toMatch(/^peek\/challenge\.yml: flags\[1\]\.content .*RE2/);
    expect((await challengesByName(app, event)).size).toBe(0);
  });

  it('should match nothing with a stored regex RE2 cannot compile, and still solve with the challenge other flags', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event, {
      flags: [
        { type: 'static', content: 'ACS{fallback}' },
        { type: 'regex', content: 'ACS\\{.+\\}' },
      ],
    });
    // A flag stored before regex flags were checked with RE2.
    await app.app.get(DataSource).query(`UPDATE challenge_flags SET content = $2 WHERE challenge_id = $1 AND kind = 'regex'`, [challenge.id, LOOKAHEAD]);
    const { captain } = await ctfTeam(app, event);
    expect(await statusOf(event, captain, challenge.id, 'ACS{peek}')).toBe('incorrect');
    expect(await statusOf(event, captain, challenge.id, 'ACS{fallback}')).toBe('correct');
  });
});
