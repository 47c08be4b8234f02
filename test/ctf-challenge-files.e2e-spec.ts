import { createHash, randomBytes } from 'crypto';
import { Response } from 'superagent';
import { attempt, challengesPath, createChallenge, ctfTeam, runningCtf } from './factories/ctf.factory';
import { TestEvent } from './factories/event.factory';
import { registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

// Collects a download as raw bytes, whatever its content type.
const binary = (response: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// Challenge attachments: organisers upload, teams that can see the challenge download.
describe('ctf challenge files', () => {
  let app: TestApp;
  let small: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    small = await createTestApp({ MAX_ATTACHMENT_BYTES: '1024' });
  });

  afterAll(async () => {
    await app.close();
    await small.close();
  });

  const upload = (target: TestApp, event: TestEvent, challengeId: string, bytes: Buffer, filename: string, auth = event.organiser.auth) =>
    target
      .http()
      .post(challengesPath(event, `/${challengeId}/files`))
      .set('Authorization', auth)
      .attach('file', bytes, filename);
  const download = (url: string, auth: string) => app.http().get(url).set('Authorization', auth).buffer(true).parse(binary);

  it('should list an uploaded file and serve its bytes to a team member', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const bytes = randomBytes(4096);
    const uploaded = await upload(app, event, challenge.id, bytes, 'chall.bin').expect(201);
    expect(uploaded.body).toEqual([
      { id: expect.any(String), name: 'chall.bin', url: expect.stringContaining(`/challenges/${challenge.id}/files/`), size: 4096, sha256: sha256(bytes) },
    ]);
    const { captain, members } = await ctfTeam(app, event, 2);
    const list = await app.http().get(challengesPath(event)).set('Authorization', captain.auth).expect(200);
    expect(list.body[0].files).toEqual(uploaded.body);
    const response = await download(uploaded.body[0].url, members[0].auth).expect(200);
    expect(Buffer.compare(response.body as Buffer, bytes)).toBe(0);
    expect(response.headers['content-disposition']).toContain('attachment; filename="chall.bin"');
    expect(response.headers['content-length']).toBe('4096');
    const asOrganiser = await download(uploaded.body[0].url, event.organiser.auth).expect(200);
    expect(sha256(asOrganiser.body as Buffer)).toBe(sha256(bytes));
  });

  it('should replace a file of the same name when an organiser uploads it again', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    await upload(app, event, challenge.id, Buffer.from('version one'), 'notes.txt').expect(201);
    const second = await upload(app, event, challenge.id, Buffer.from('version two!'), 'notes.txt').expect(201);
    const detail = await app
      .http()
      .get(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(200);
    expect(detail.body.files).toEqual(second.body);
    const { captain } = await ctfTeam(app, event);
    expect((await download(second.body[0].url, captain.auth).expect(200)).body.toString()).toBe('version two!');
  });

  it('should refuse downloads when the caller may not see the challenge', async () => {
    const event = await runningCtf(app);
    const open = await createChallenge(app, event);
    const hidden = await createChallenge(app, event, { state: 'hidden' });
    const locked = await createChallenge(app, event, { requirements: [open.name] });
    const urls = await Promise.all(
      [open, hidden, locked].map(async (challenge) => (await upload(app, event, challenge.id, Buffer.from('payload'), 'a.txt').expect(201)).body[0].url),
    );
    const { captain } = await ctfTeam(app, event);
    await download(urls[0], captain.auth).expect(200);
    await download(urls[1], captain.auth).expect(404);
    await download(urls[2], captain.auth).expect(404);
    const registered = await registeredUser(app, event);
    await download(urls[0], registered.auth).expect(403);
    const elsewhere = await runningCtf(app);
    const outsider = await ctfTeam(app, elsewhere);
    await download(urls[0], outsider.captain.auth).expect(403);
    await app.http().get(urls[0]).expect(401);
    await attempt(app, event, captain, open.id, open.flag).expect(200);
    await download(urls[2], captain.auth).expect(200);
    // A file id of another challenge is not found under this one.
    const foreign = urls[1].split('/').pop();
    await download(`${urls[0].slice(0, urls[0].lastIndexOf('/'))}/${foreign}`, event.organiser.auth).expect(404);
  });

  it('should answer 403 when someone other than the organiser uploads', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    const { captain } = await ctfTeam(app, event);
    await upload(app, event, challenge.id, Buffer.from('x'), 'x.txt', captain.auth).expect(403);
    const detail = await app
      .http()
      .get(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(200);
    expect(detail.body.files).toEqual([]);
  });

  it('should answer 413 and keep nothing when a file exceeds MAX_ATTACHMENT_BYTES', async () => {
    const event = await runningCtf(small);
    const challenge = await createChallenge(small, event);
    const response = await upload(small, event, challenge.id, randomBytes(2048), 'big.bin').expect(413);
    expect(response.body).toMatchObject({ statusCode: 413 });
    await upload(small, event, challenge.id, randomBytes(1024), 'fits.bin').expect(201);
    const detail = await small
      .http()
      .get(challengesPath(event, `/${challenge.id}`))
      .set('Authorization', event.organiser.auth)
      .expect(200);
    expect(detail.body.files.map((file: { name: string }) => file.name)).toEqual(['fits.bin']);
  });

  it('should answer 400 when the upload carries no file', async () => {
    const event = await runningCtf(app);
    const challenge = await createChallenge(app, event);
    await app
      .http()
      .post(challengesPath(event, `/${challenge.id}/files`))
      .set('Authorization', event.organiser.auth)
      .field('note', 'x')
      .expect(400);
    await app
      .http()
      .post(challengesPath(event, `/${challenge.id}/files`))
      .set('Authorization', event.organiser.auth)
      .send({})
      .expect(400);
  });
});
