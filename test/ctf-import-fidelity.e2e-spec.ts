import { ctfTeam, runningCtf } from './factories/ctf.factory';
import { challengeDetail, challengesByName, importYaml, importZip } from './fixtures/ctf/import';
import { buildZip } from './fixtures/ctf/zip-writer';
import { createTestApp, TestApp } from './utils/test-app';

// A real-world shaped ctfcli spec with the keys ctfcli reads that Arena does not use (and attribution, which it keeps).
const SPEC = `name: Borrowed Cipher
author: arena
attribution: "Adapted from picoCTF 2019 (CC BY 4.0)"
category: crypto
description: Decrypt the note.
value: 200
type: standard
topics:
  - Vigenere
next: Harder Cipher
logic: any
scheduled_at: 2026-12-24T09:00:00Z
flags:
  - ACS{borrowed}
hints:
  - title: First hint
    content: Look at the key length.
    cost: 10
`;

const spec = (name: string, body: string) => ({ name: `${name}/challenge.yml`, data: body });
const valid = (name: string) => spec(name, `name: ${name}\ncategory: misc\nvalue: 100\nflags:\n  - ACS{${name}}\n`);

describe('ctfcli import fidelity: warnings for unused keys, attribution, every broken spec at once', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should warn about each key ctfcli reads that Arena does not use, naming it, and keep the attribution', async () => {
    const event = await runningCtf(app);
    const response = await importYaml(app, event, SPEC).expect(201);
    const warnings: string[] = response.body.warnings;
    for (const key of ['topics', 'next', 'logic', 'scheduled_at', 'hints[0].title']) {
      expect(warnings.filter((warning) => warning.startsWith(`challenge.yml: ${key} `))).toHaveLength(1);
    }
    expect(warnings).toHaveLength(5);
    expect(warnings.join('\n')).not.toMatch(/attribution/);
    const [{ id }] = response.body.imported;
    expect(await challengeDetail(app, event, id)).toMatchObject({ attribution: 'Adapted from picoCTF 2019 (CC BY 4.0)', author: 'arena' });
  });

  it('should show the attribution with the challenge to the teams, as CTFd does', async () => {
    const event = await runningCtf(app);
    await importYaml(app, event, SPEC).expect(201);
    const { captain } = await ctfTeam(app, event, 1);
    const list = await app.http().get(`/api/v1/events/${event.slug}/challenges`).set('Authorization', captain.auth).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ name: 'Borrowed Cipher', attribution: 'Adapted from picoCTF 2019 (CC BY 4.0)' })]);
  });

  it('should let the organiser set and clear the attribution through the API', async () => {
    const event = await runningCtf(app);
    const created = await importYaml(app, event, SPEC.replace(/^attribution:.*\n/m, '')).expect(201);
    const [{ id }] = created.body.imported;
    expect(await challengeDetail(app, event, id)).toMatchObject({ attribution: null });
    const path = `/api/v1/events/${event.slug}/challenges/${id}`;
    await app.http().patch(path).set('Authorization', event.organiser.auth).send({ attribution: 'Written for ACS 2026' }).expect(200);
    expect(await challengeDetail(app, event, id)).toMatchObject({ attribution: 'Written for ACS 2026' });
    await app.http().patch(path).set('Authorization', event.organiser.auth).send({ attribution: null }).expect(200);
    expect(await challengeDetail(app, event, id)).toMatchObject({ attribution: null });
  });

  it('should report every broken spec of a zip in one 400 and import none of them', async () => {
    const event = await runningCtf(app);
    const zip = buildZip([
      valid('Fine One'),
      spec('Bad Yaml', 'name: [unclosed\ncategory: misc\n'),
      spec('No Value', 'name: No Value\ncategory: misc\nflags:\n  - ACS{x}\n'),
      spec('Missing File', 'name: Missing File\ncategory: misc\nvalue: 50\nflags:\n  - ACS{y}\nfiles:\n  - dist/handout.zip\n'),
      valid('Fine Two'),
    ]);
    const response = await importZip(app, event, zip).expect(400);
    const messages: string[] = response.body.message;
    expect(messages).toHaveLength(3);
    expect(messages).toEqual([
      expect.stringMatching(/^Bad Yaml\/challenge\.yml: not valid YAML/),
      expect.stringMatching(/^Missing File\/challenge\.yml: files\[0\]: dist\/handout\.zip is not in the archive/),
      expect.stringMatching(/^No Value\/challenge\.yml: value is required for a standard challenge/),
    ]);
    expect((await challengesByName(app, event)).size).toBe(0);
  });

  it("should keep a single broken spec's 400 a plain message, as before", async () => {
    const event = await runningCtf(app);
    const response = await importZip(app, event, buildZip([valid('Fine One'), spec('No Value', 'name: No Value\ncategory: misc\nflags:\n  - ACS{x}\n')])).expect(400);
    expect(response.body.message).toMatch(/^No Value\/challenge\.yml: value is required/);
  });
});
