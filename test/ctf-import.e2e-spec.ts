import { ctfTeam, runningCtf } from './factories/ctf.factory';
import { createEvent } from './factories/event.factory';
import { registeredUser } from './factories/team.factory';
import { buildZip } from './fixtures/ctf/zip-writer';
import { challengeDetail, challengesByName, importPath, importYaml, importZip, sharedYaml } from './fixtures/ctf/import';
import { createTestApp, TestApp } from './utils/test-app';

const yaml = (lines: string) => `name: Probe\ncategory: misc\nvalue: 100\nflags:\n  - ACS{probe}\n${lines}`;

describe('ctf import: one challenge.yml (POST /events/:slug/challenges/import)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should create the challenge with every mapped field when an organiser posts the shared warmup fixture', async () => {
    const event = await runningCtf(app);
    const response = await importYaml(app, event, sharedYaml('warmup-web')).expect(201);
    expect(response.body).toEqual({
      imported: [{ id: expect.any(String), name: 'Warmup Web', created: true }],
      warnings: ['challenge.yml: files not attached (dist/index.html): import a .zip of the challenge folder to include them'],
    });
    const detail = await challengeDetail(app, event, response.body.imported[0].id);
    expect(detail).toMatchObject({
      name: 'Warmup Web',
      author: 'arena-team',
      category: 'web',
      description: 'The admin panel of this tiny site is hidden somewhere. Find it.\n',
      type: 'dynamic',
      function: 'logarithmic',
      initial: 500,
      minimum: 100,
      decay: 30,
      value: 500,
      connectionInfo: 'http://warmup.local:8080',
      maxAttempts: 5,
      state: 'visible',
      tags: ['web', 'beginner'],
      requirements: [],
      files: [],
    });
    expect(detail.flags).toEqual([
      expect.objectContaining({ type: 'static', content: 'ACS{h1dd3n_4dm1n}', caseInsensitive: false }),
      expect.objectContaining({ type: 'static', content: 'ACS{HIDDEN_ADMIN}', caseInsensitive: true }),
      expect.objectContaining({ type: 'regex', content: 'ACS\\{adm1n-[0-9a-f]{8}\\}', caseInsensitive: true }),
    ]);
    expect(detail.hints).toEqual([
      expect.objectContaining({ cost: 0, content: 'Robots have their own file.' }),
      expect.objectContaining({ cost: 25, content: 'Look at /robots.txt' }),
    ]);
  });

  it('should let a team solve the imported challenge with each flag form when it is on the board', async () => {
    const event = await runningCtf(app);
    const { body } = await importYaml(app, event, sharedYaml('warmup-web')).expect(201);
    const id = body.imported[0].id;
    const [first, second, third] = await Promise.all([ctfTeam(app, event), ctfTeam(app, event), ctfTeam(app, event)]);
    const submit = (auth: string, submission: string) => app.http().post(`/api/v1/events/${event.slug}/challenges/${id}/attempts`).set('Authorization', auth).send({ submission });
    expect((await submit(first.captain.auth, 'acs{h1dd3n_4dm1n}').expect(200)).body.status).toBe('incorrect');
    expect((await submit(first.captain.auth, 'ACS{h1dd3n_4dm1n}').expect(200)).body.status).toBe('correct');
    expect((await submit(second.captain.auth, 'acs{hidden_admin}').expect(200)).body.status).toBe('correct');
    expect((await submit(third.captain.auth, 'acs{ADM1N-0123abcd}').expect(200)).body.status).toBe('correct');
  });

  it('should resolve requirements by name when the prerequisite was imported before', async () => {
    const event = await runningCtf(app);
    const orphan = await importYaml(app, event, sharedYaml('crypto-xor')).expect(400);
    expect(orphan.body.message).toBe('challenge.yml: requirements: no challenge named Warmup Web in this event');
    expect((await challengesByName(app, event)).size).toBe(0);
    await importYaml(app, event, sharedYaml('warmup-web')).expect(201);
    const response = await importYaml(app, event, sharedYaml('crypto-xor'), { contentType: 'text/yaml; charset=utf-8' }).expect(201);
    expect(response.body.warnings).toEqual([]);
    const detail = await challengeDetail(app, event, response.body.imported[0].id);
    expect(detail).toMatchObject({ name: 'Single Byte', type: 'standard', value: 200, requirements: ['Warmup Web'] });
    const { captain } = await ctfTeam(app, event);
    const board = await app.http().get(`/api/v1/events/${event.slug}/challenges`).set('Authorization', captain.auth).expect(200);
    expect(board.body.map((challenge: { name: string }) => challenge.name)).toEqual(['Warmup Web']);
  });

  it('should update the challenge in place when the same name is imported again', async () => {
    const event = await runningCtf(app);
    const first = await importYaml(app, event, yaml('hints: [free hint]\ntags: [a]\n')).expect(201);
    const again = await importYaml(app, event, yaml('attempts: 3\nstate: hidden\n').replace('value: 100', 'value: 250'), {
      contentType: 'application/x-yaml',
    }).expect(201);
    expect(again.body.imported).toEqual([{ id: first.body.imported[0].id, name: 'Probe', created: false }]);
    const challenges = await challengesByName(app, event);
    expect(challenges.size).toBe(1);
    expect(challenges.get('Probe')).toMatchObject({ value: 250, state: 'hidden', tags: [], hints: [] });
    expect(await challengeDetail(app, event, first.body.imported[0].id)).toMatchObject({ maxAttempts: 3 });
  });

  it('should keep the paid hint of a team unlocked when a re-import leaves the hints unchanged', async () => {
    const event = await runningCtf(app);
    const text = yaml('hints:\n  - {content: "look closer", cost: 20}\n');
    const { body } = await importYaml(app, event, text).expect(201);
    const { captain } = await ctfTeam(app, event);
    const board = () => app.http().get(`/api/v1/events/${event.slug}/challenges`).set('Authorization', captain.auth).expect(200);
    await app
      .http()
      .post(`/api/v1/events/${event.slug}/challenges/${body.imported[0].id}/attempts`)
      .set('Authorization', captain.auth)
      .send({ submission: 'ACS{probe}' })
      .expect(200);
    const hintId = (await board()).body[0].hints[0].id;
    await app.http().post(`/api/v1/events/${event.slug}/hints/${hintId}/unlock`).set('Authorization', captain.auth).expect(200);
    await importYaml(app, event, text).expect(201);
    expect((await board()).body[0].hints).toEqual([{ id: expect.any(String), cost: 20, unlocked: true, content: 'look closer' }]);
  });

  it('should answer 400 naming the key when a value has the wrong type', async () => {
    const event = await runningCtf(app);
    const response = await importYaml(app, event, yaml('').replace('value: 100', 'value: lots')).expect(400);
    expect(response.body.message).toBe('challenge.yml: value must be a number, not string "lots"');
    const hint = await importYaml(app, event, yaml('hints:\n  - {content: pay, cost: ten}\n')).expect(400);
    expect(hint.body.message).toBe('challenge.yml: hints[0].cost must be a number, not string "ten"');
    const flag = await importYaml(app, event, yaml('').replace('  - ACS{probe}', '  - {type: regex, content: "ACS{("}')).expect(400);
    expect(flag.body.message).toMatch(/^challenge\.yml: flags\[0\]\.content is not a valid regular expression/);
    expect((await challengesByName(app, event)).size).toBe(0);
  });

  it('should import and list the ignored keys as warnings when the document has unknown keys', async () => {
    const event = await runningCtf(app);
    const response = await importYaml(app, event, yaml('difficulty: hard\nversion: "0.1"\ntopics: [x]\nextra: {bonus: 5}\n')).expect(201);
    expect(response.body.warnings).toEqual([
      'challenge.yml: unknown key difficulty ignored',
      'challenge.yml: topics (CTFd admin-only labels) are not used',
      'challenge.yml: unknown key extra.bonus ignored',
    ]);
    expect((await challengesByName(app, event)).has('Probe')).toBe(true);
  });

  it('should answer 400 when the body is not a YAML mapping or not YAML at all', async () => {
    const event = await runningCtf(app);
    expect((await importYaml(app, event, 'name: [unclosed\n').expect(400)).body.message).toMatch(/^challenge\.yml: not valid YAML/);
    expect((await importYaml(app, event, '- just\n- a list\n').expect(400)).body.message).toBe('challenge.yml: the document must be a mapping of challenge keys, not a list');
    const json = await app.http().post(importPath(event)).set('Authorization', event.organiser.auth).send({ name: 'A' }).expect(400);
    expect(json.body.message).toMatch(/Content-Type: application\/yaml/);
  });

  it('should answer 413 when the YAML body is above the JSON body limit', async () => {
    const event = await runningCtf(app);
    await importYaml(app, event, yaml(`description: "${'x'.repeat(1024 * 1024)}"\n`)).expect(413);
  });

  it('should answer 403 and import nothing when the caller is not an organiser of the event', async () => {
    const event = await runningCtf(app);
    const { captain } = await ctfTeam(app, event);
    const outsider = await registeredUser(app, event);
    await importYaml(app, event, yaml(''), { auth: captain.auth }).expect(403);
    await importYaml(app, event, yaml(''), { auth: outsider.auth }).expect(403);
    await importZip(app, event, buildZip([{ name: 'p/challenge.yml', data: yaml('') }]), { auth: captain.auth }).expect(403);
    await app.http().post(importPath(event)).set('Content-Type', 'application/yaml').send(yaml('')).expect(401);
    expect((await challengesByName(app, event)).size).toBe(0);
  });

  it('should answer 404 when the event is not a CTF or does not exist', async () => {
    const hackathon = await createEvent(app, { kind: 'hackathon' });
    await importYaml(app, hackathon, yaml('')).expect(404);
    await importYaml(app, { ...hackathon, slug: 'no-such-event' }, yaml('')).expect(404);
  });
});
