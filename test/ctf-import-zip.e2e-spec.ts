import { execFile } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { AddressInfo } from 'net';
import { join } from 'path';
import { promisify } from 'util';
import { ctfTeam, runningCtf } from './factories/ctf.factory';
import { binary, challengeDetail, challengesByName, demoEntries, demoFile, demoZip, importZip } from './fixtures/ctf/import';
import { buildZip, folderEntries, SHARED_CHALLENGES, ZipEntrySpec } from './fixtures/ctf/zip-writer';
import { createTestApp, TestApp } from './utils/test-app';

const DEMO_NAMES = ['Audit the Login', 'Echo Chamber', 'Robots Welcome', 'Stack Warmup', 'XOR Postcard'];
const broken = (name: string, lines: string): ZipEntrySpec => ({
  name: `${name}/challenge.yml`,
  data: `name: ${name}\ncategory: misc\nvalue: 100\nflags:\n  - ACS{${name}}\n${lines}`,
});
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('ctf import: a .zip of challenge folders (POST /events/:slug/challenges/import)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should import every challenge prerequisites first with its files when an organiser uploads the demo folder', async () => {
    const event = await runningCtf(app);
    const response = await importZip(app, event, demoZip()).expect(201);
    // The demo's ctfcli keys that CTFd plays by and Arena does not use are named (issue 14).
    expect([...response.body.warnings].sort()).toEqual([
      'auditing-login/challenge.yml: hints[0].title is not used: a hint shows its cost, then its content',
      'misc-echo/challenge.yml: topics (CTFd admin-only labels) are not used',
      'web-robots/challenge.yml: hints[1].title is not used: a hint shows its cost, then its content',
    ]);
    const order = response.body.imported.map((item: { name: string }) => item.name);
    expect([...order].sort()).toEqual(DEMO_NAMES);
    expect(response.body.imported.every((item: { created: boolean }) => item.created)).toBe(true);
    expect(order.indexOf('XOR Postcard')).toBeLessThan(order.indexOf('Audit the Login'));
    expect(order.indexOf('Robots Welcome')).toBeLessThan(order.indexOf('Stack Warmup'));
    const challenges = await challengesByName(app, event);
    const detail = async (name: string) => challengeDetail(app, event, challenges.get(name)?.id as string);
    expect(await detail('Stack Warmup')).toMatchObject({ type: 'dynamic', function: 'logarithmic', initial: 500, maxAttempts: 10, requirements: ['Robots Welcome'] });
    expect(await detail('Audit the Login')).toMatchObject({ requirements: ['XOR Postcard'], tags: ['auditing', 'php'], value: 250 });
    expect(await detail('XOR Postcard')).toMatchObject({ function: 'linear', initial: 400, decay: 25, minimum: 100 });
    expect((await detail('Echo Chamber')).flags).toEqual([expect.objectContaining({ type: 'regex', caseInsensitive: true })]);
    const postcard = demoFile('crypto-xor-postcard/output.hex');
    expect(challenges.get('XOR Postcard')?.files).toEqual([
      {
        id: expect.any(String),
        name: 'encrypt.py',
        url: expect.any(String),
        size: demoFile('crypto-xor-postcard/encrypt.py').length,
        sha256: sha256(demoFile('crypto-xor-postcard/encrypt.py')),
      },
      { id: expect.any(String), name: 'output.hex', url: expect.any(String), size: postcard.length, sha256: sha256(postcard) },
    ]);
    expect(challenges.get('Stack Warmup')?.files).toEqual([expect.objectContaining({ name: 'vuln.c', size: demoFile('binary-stack/src/vuln.c').length })]);
  });

  it('should attach the files of the shared fixtures and write Warmup Web before the challenge that requires it', async () => {
    const event = await runningCtf(app);
    const response = await importZip(app, event, buildZip(folderEntries(SHARED_CHALLENGES))).expect(201);
    expect(response.body).toEqual({
      imported: [
        { id: expect.any(String), name: 'Warmup Web', created: true },
        { id: expect.any(String), name: 'Single Byte', created: true },
      ],
      warnings: [],
    });
    const challenges = await challengesByName(app, event);
    expect(challenges.get('Warmup Web')?.files).toEqual([expect.objectContaining({ name: 'index.html', size: 56 })]);
    expect(await challengeDetail(app, event, response.body.imported[1].id)).toMatchObject({ requirements: ['Warmup Web'] });
  });

  it('should let a team member download an attachment when the challenge is open to the team', async () => {
    const event = await runningCtf(app);
    await importZip(app, event, demoZip()).expect(201);
    const { members } = await ctfTeam(app, event, 2);
    const board = await app.http().get(`/api/v1/events/${event.slug}/challenges`).set('Authorization', members[0].auth).expect(200);
    expect(board.body.map((challenge: { name: string }) => challenge.name).sort()).toEqual(['Echo Chamber', 'Robots Welcome', 'XOR Postcard']);
    const postcard = board.body.find((challenge: { name: string }) => challenge.name === 'XOR Postcard');
    const file = postcard.files.find((item: { name: string }) => item.name === 'output.hex');
    const download = await app.http().get(file.url).set('Authorization', members[0].auth).buffer(true).parse(binary).expect(200);
    expect(download.body).toEqual(demoFile('crypto-xor-postcard/output.hex'));
    const locked = (await challengesByName(app, event)).get('Audit the Login') as { files: Array<{ url: string }> };
    await app.http().get(locked.files[0].url).set('Authorization', members[0].auth).expect(404);
  });

  it('should update each challenge and replace its files when the same folder is imported again', async () => {
    const event = await runningCtf(app);
    const first = await importZip(app, event, demoZip()).expect(201);
    const entries = demoEntries()
      .filter((entry) => entry.name !== 'crypto-xor-postcard/encrypt.py')
      .map((entry) => {
        if (entry.name === 'crypto-xor-postcard/output.hex') return { ...entry, data: 'cafe\n' };
        if (entry.name !== 'crypto-xor-postcard/challenge.yml') return entry;
        return { ...entry, data: String(entry.data).replace('  - encrypt.py\n', '').replace('initial: 400', 'initial: 450') };
      });
    const again = await importZip(app, event, buildZip(entries)).expect(201);
    const ids = (body: { imported: Array<{ id: string; name: string }> }) => Object.fromEntries(body.imported.map((item) => [item.name, item.id]));
    expect(ids(again.body)).toEqual(ids(first.body));
    expect(again.body.imported.some((item: { created: boolean }) => item.created)).toBe(false);
    const challenges = await challengesByName(app, event);
    expect(challenges.size).toBe(5);
    expect(challenges.get('XOR Postcard')).toMatchObject({ value: 450, files: [{ name: 'output.hex', url: expect.any(String), size: 5, sha256: sha256(Buffer.from('cafe\n')) }] });
    expect(challenges.get('Stack Warmup')?.files).toHaveLength(1);
  });

  it('should end with one copy of each challenge when the same zip is imported four times at once', async () => {
    const event = await runningCtf(app);
    const zip = demoZip();
    const answers = await Promise.all(Array.from({ length: 4 }, () => importZip(app, event, zip)));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    const created = answers.flatMap((answer) => answer.body.imported.filter((item: { created: boolean }) => item.created).map((item: { name: string }) => item.name));
    expect(created.sort()).toEqual(DEMO_NAMES);
    const challenges = await challengesByName(app, event);
    expect([...challenges.keys()].sort()).toEqual(DEMO_NAMES);
    expect(challenges.get('XOR Postcard')?.files).toHaveLength(2);
  });

  it('should import nothing when one challenge of the zip is invalid', async () => {
    const event = await runningCtf(app);
    const bad = await importZip(app, event, demoZip([broken('zz-broken', 'attempts: lots\n')])).expect(400);
    expect(bad.body.message).toBe('zz-broken/challenge.yml: attempts must be a number, not string "lots"');
    expect((await challengesByName(app, event)).size).toBe(0);
    await importZip(app, event, demoZip()).expect(201);
    const changed = demoEntries([broken('zz-missing-file', 'files: [gone.txt]\n')]).map((entry) =>
      entry.name === 'web-robots/challenge.yml' ? { ...entry, data: String(entry.data).replace('value: 100', 'value: 999') } : entry,
    );
    const missing = await importZip(app, event, buildZip(changed)).expect(400);
    expect(missing.body.message).toBe('zz-missing-file/challenge.yml: files[0]: gone.txt is not in the archive');
    const challenges = await challengesByName(app, event);
    expect(challenges.size).toBe(5);
    expect(challenges.get('Robots Welcome')).toMatchObject({ value: 100 });
  });

  it('should answer 400 when the requirements of the zip form a cycle or name no known challenge', async () => {
    const event = await runningCtf(app);
    const cycle = await importZip(app, event, buildZip([broken('a', 'requirements: [b]\n'), broken('b', 'requirements: [a]\n')])).expect(400);
    expect(cycle.body.message).toMatch(/^[ab]\/challenge\.yml: requirements form a cycle: (a → b → a|b → a → b)$/);
    const unknown = await importZip(app, event, buildZip([broken('a', 'requirements: [Nowhere]\n')])).expect(400);
    expect(unknown.body.message).toBe('a/challenge.yml: requirements: no challenge named Nowhere in this event or the archive');
    const twins = await importZip(app, event, buildZip([broken('a', ''), { ...broken('a', ''), name: 'b/challenge.yml' }])).expect(400);
    expect(twins.body.message).toBe('b/challenge.yml: name a is also the name of a/challenge.yml');
    expect((await challengesByName(app, event)).size).toBe(0);
  });

  it.each([
    ['an entry leaves the folder', [{ name: '../evil/challenge.yml', data: 'name: x' }], /\.\.\/evil\/challenge\.yml/],
    ['an entry is absolute', [{ name: '/tmp/challenge.yml', data: 'name: x' }], /absolute/],
    ['files: points outside the folder', [broken('a', 'files: [../../etc/passwd]\n')], /^a\/challenge\.yml: files\[0\] must stay inside the challenge folder/],
    [
      'an attachment is a symlink',
      [broken('a', 'files: [link]\n'), { name: 'a/link', data: '/etc/passwd', mode: 0o120777, method: 'store' }],
      /^entry a\/link is a symbolic link$/,
    ],
    ['an entry is a zip bomb', [broken('a', 'files: [zero.bin]\n'), { name: 'a/zero.bin', data: Buffer.alloc(4 * 1024 * 1024) }], /compression ratio above 100/],
    ['an attachment inflates past its declared size', [broken('a', 'files: [lie.txt]\n'), { name: 'a/lie.txt', data: 'x'.repeat(500), declaredSize: 10 }], /^a\/lie\.txt/],
  ] as Array<[string, ZipEntrySpec[], RegExp]>)('should answer 400 and import nothing when %s', async (_case, entries, message) => {
    const event = await runningCtf(app);
    const response = await importZip(app, event, buildZip([broken('ok', ''), ...entries])).expect(400);
    expect(response.body.message).toMatch(message);
    expect((await challengesByName(app, event)).size).toBe(0);
  });

  it('should answer 400 when the upload is not a zip or holds no challenge, and import a lone challenge.yml upload', async () => {
    const event = await runningCtf(app);
    const text = Buffer.from('name: Lone\ncategory: misc\nvalue: 5\nflags:\n  - ACS{lone}\n');
    const notZip = await importZip(app, event, text, { filename: 'challenges.zip' }).expect(400);
    expect(notZip.body.message).toMatch(/^not a readable zip archive/);
    const empty = await importZip(app, event, buildZip([{ name: 'readme.txt', data: 'hi' }])).expect(400);
    expect(empty.body.message).toBe('the archive holds no challenge.yml');
    const lone = await importZip(app, event, text, { filename: 'challenge.yml' }).expect(201);
    expect(lone.body.imported).toEqual([{ id: expect.any(String), name: 'Lone', created: true }]);
  });

  it('should answer 413 and import nothing when the upload is above MAX_IMPORT_BYTES', async () => {
    const small = await createTestApp({ MAX_IMPORT_BYTES: '8192' });
    try {
      const event = await runningCtf(small);
      const big = demoZip([{ name: 'web-robots/noise.bin', data: randomBytes(16 * 1024), method: 'store' }]);
      await importZip(small, event, big).expect(413);
      expect((await challengesByName(small, event)).size).toBe(0);
      await importZip(small, event, demoZip()).expect(201);
    } finally {
      await small.close();
    }
  });

  it('should import the example challenges into the demo CTF when the demo seed runs, and update them when it runs again', async () => {
    const served = await createTestApp();
    try {
      await served.app.listen(0, '127.0.0.1');
      const { port } = served.app.getHttpServer().address() as AddressInfo;
      const seed = () =>
        promisify(execFile)(process.execPath, [join(__dirname, '..', 'scripts', 'seed-demo.mjs'), `http://127.0.0.1:${port}`], {
          env: { ...process.env, ARENA_ADMIN_EMAIL: 'admin@arena.test', ARENA_ADMIN_PASSWORD: 'admin-password-e2e' },
          timeout: 60_000,
        });
      const first = await seed();
      expect(first.stdout).toContain('[seed] imported 5 example challenges into acs-prelim-demo (5 new, 0 updated)');
      expect(JSON.parse(first.stdout.slice(first.stdout.indexOf('{'))).challenges.sort()).toEqual(DEMO_NAMES);
      const second = await seed();
      expect(second.stdout).toContain('[seed] imported 5 example challenges into acs-prelim-demo (0 new, 5 updated)');
      const admin = await served.http().post('/api/v1/auth/login').send({ email: 'admin@arena.test', password: 'admin-password-e2e' }).expect(200);
      const list = await served.http().get('/api/v1/events/acs-prelim-demo/challenges').set('Authorization', `Bearer ${admin.body.accessToken}`).expect(200);
      expect(list.body.map((challenge: { name: string }) => challenge.name).sort()).toEqual(DEMO_NAMES);
    } finally {
      await served.close();
    }
  });
});
