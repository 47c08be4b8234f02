import { hoursFromNow } from './factories/event.factory';
import { buildZip, configure, endEvent, eventPath, hackTeam, postProject, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { registerUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

describe('hackathon projects', () => {
  let app: TestApp;
  const statuses = (responses: { status: number }[]) => responses.map((response) => response.status).sort();

  beforeAll(async () => {
    app = await createTestApp();
    // A real listening socket, so concurrent requests share one server.
    await app.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  it('should create a project with its track when a team member submits one', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['ai', 'fintech'] });
    const { captain, team } = await hackTeam(app, event);
    const response = await postProject(app, event, captain, {
      title: '  Flood alerts ',
      summary: 'SMS warnings',
      description: '# Hi\n\nMarkdown *kept*',
      repoUrl: 'https://github.com/a/b',
      videoUrl: 'https://youtu.be/x',
      track: 'ai',
    }).expect(201);
    expect(response.body).toMatchObject({
      teamId: team.id,
      teamName: team.name,
      title: 'Flood alerts',
      description: '# Hi\n\nMarkdown *kept*',
      track: 'ai',
      tracks: ['ai'],
      version: 1,
      archive: null,
      checks: [],
    });
    const mine = await app.http().get(eventPath(event, '/projects/me')).set('Authorization', captain.auth).expect(200);
    expect(mine.body.id).toBe(response.body.id);
  });

  it('should refuse a project when the body is invalid, the track unknown or the caller in no team', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['ai'] });
    const { captain } = await hackTeam(app, event);
    const bad = await postProject(app, event, captain, { repoUrl: 'javascript:alert(1)', extra: 1 }).expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['repoUrl must be an http(s) URL', 'property extra should not exist']));
    expect((await postProject(app, event, captain, { track: 'web' }).expect(400)).body.code).toBe('unknown-track');
    const loner = await registerUser(app);
    expect((await postProject(app, event, loner).expect(403)).body.code).toBe('not-in-team');
  });

  it('should answer 409 when a team submits a second project', async () => {
    const event = await runningHackathon(app);
    const { members, captain } = await hackTeam(app, event, 2);
    await postProject(app, event, captain).expect(201);
    expect((await postProject(app, event, members[0]).expect(409)).body.code).toBe('project-exists');
  });

  it('should create exactly one project when two members of a team submit at once', async () => {
    const event = await runningHackathon(app);
    const { members, captain, team } = await hackTeam(app, event, 2);

    const responses = await Promise.all([postProject(app, event, captain, { title: 'A' }), postProject(app, event, members[0], { title: 'B' })]);

    expect(statuses(responses)).toEqual([201, 409]);
    const list = await app.http().get(eventPath(event, '/projects')).set('Authorization', event.organiser.auth).expect(200);
    expect(list.headers['x-total-count']).toBe('1');
    expect(list.body.map((project: { teamId: string; title: string }) => [project.teamId, project.title])).toEqual([
      [team.id, responses.find((response) => response.status === 201)!.body.title],
    ]);
  });

  it('should keep every version when members edit until the end, then refuse edits with 403', async () => {
    const event = await runningHackathon(app);
    const { captain, project } = await teamWithProject(app, event, { title: 'v1' });
    const slow = await hackTeam(app, event);
    const path = eventPath(event, `/projects/${project.id}`);
    const second = await app.http().put(path).set('Authorization', captain.auth).send({ title: 'v2', videoUrl: 'https://v.example/2' }).expect(200);
    expect(second.body).toMatchObject({ title: 'v2', videoUrl: 'https://v.example/2', version: 2 });
    const third = await app.http().put(path).set('Authorization', captain.auth).send({ videoUrl: null }).expect(200);
    expect(third.body).toMatchObject({ title: 'v2', videoUrl: null, version: 3 });

    await endEvent(app, event);

    const late = await app.http().put(path).set('Authorization', captain.auth).send({ title: 'too late' }).expect(403);
    expect(late.body.code).toBe('submissions-closed');
    expect((await postProject(app, event, slow.captain).expect(403)).body.code).toBe('submissions-closed');
    const versions = await app.http().get(`${path}/versions`).set('Authorization', captain.auth).expect(200);
    expect(
      versions.body.map((version: { version: number; snapshot: { title: string; videoUrl: string | null } }) => [
        version.version,
        version.snapshot.title,
        version.snapshot.videoUrl,
      ]),
    ).toEqual([
      [1, 'v1', null],
      [2, 'v2', 'https://v.example/2'],
      [3, 'v2', null],
    ]);
    expect((await app.http().get(path).set('Authorization', captain.auth).expect(200)).body.title).toBe('v2');
  });

  it('should keep the first and at most the latest 50 snapshots, and the right project, when a member edits it 200 times', async () => {
    const event = await runningHackathon(app);
    const { captain, project } = await teamWithProject(app, event, { title: 'edit 0' });
    const path = eventPath(event, `/projects/${project.id}`);
    for (let edit = 1; edit <= 200; edit += 1) {
      await app
        .http()
        .put(path)
        .set('Authorization', captain.auth)
        .send({ title: `edit ${edit}`, description: 'x'.repeat(2000) })
        .expect(200);
    }
    // Edits that change nothing record nothing.
    for (let edit = 0; edit < 5; edit += 1) {
      const same = await app.http().put(path).set('Authorization', captain.auth).send({ title: 'edit 200' }).expect(200);
      expect(same.body.version).toBe(201);
    }
    const versions = (await app.http().get(`${path}/versions`).set('Authorization', captain.auth).expect(200)).body as Array<{ version: number; snapshot: { title: string } }>;
    // The first submission stays on record: 50 edits cannot push out what the team first handed in.
    expect(versions).toHaveLength(51);
    expect(versions.map((version) => version.version)).toEqual([1, ...Array.from({ length: 50 }, (_, index) => 152 + index)]);
    expect(versions[0].snapshot.title).toBe('edit 0');
    expect(versions.at(-1)?.snapshot.title).toBe('edit 200');
    expect((await app.http().get(path).set('Authorization', captain.auth).expect(200)).body).toMatchObject({ title: 'edit 200', version: 201 });
  }, 120_000);

  it('should apply the edit when it arrives just before endsAt and refuse it just after', async () => {
    const event = await runningHackathon(app, { startsAt: hoursFromNow(-1), endsAt: hoursFromNow(1) });
    const { captain, project } = await teamWithProject(app, event);
    const path = eventPath(event, `/projects/${project.id}`);
    // The end moves close only once the team and project exist, so a slow setup cannot eat the window.
    const endsAt = new Date(Date.now() + 3000).toISOString();
    await app.http().patch(eventPath(event, '')).set('Authorization', event.organiser.auth).send({ endsAt }).expect(200);
    event.body.endsAt = endsAt;
    await app.http().put(path).set('Authorization', captain.auth).send({ summary: 'in time' }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(event.body.endsAt as string).getTime() - Date.now() + 50)));
    await app.http().put(path).set('Authorization', captain.auth).send({ summary: 'late' }).expect(403);
    expect((await app.http().get(path).set('Authorization', captain.auth).expect(200)).body.summary).toBe('in time');
  });

  it("should hide other teams' projects before the end and show the gallery after it", async () => {
    const event = await runningHackathon(app);
    const first = await teamWithProject(app, event);
    const second = await teamWithProject(app, event);
    const other = eventPath(event, `/projects/${second.project.id}`);
    await app.http().get(other).set('Authorization', first.captain.auth).expect(404);
    await app.http().put(other).set('Authorization', first.captain.auth).send({ title: 'mine now' }).expect(404);
    const before = await app.http().get(eventPath(event, '/projects')).set('Authorization', first.captain.auth).expect(200);
    expect(before.body.map((project: { id: string }) => project.id)).toEqual([first.project.id]);

    await endEvent(app, event);

    const after = await app.http().get(eventPath(event, '/projects')).expect(200);
    expect(after.body.map((project: { id: string }) => project.id)).toEqual([first.project.id, second.project.id]);
    expect(after.body[0].checks).toBeUndefined();
    await app.http().put(other).set('Authorization', first.captain.auth).send({ title: 'mine now' }).expect(403);
  });

  it('should check an uploaded archive and warn, not reject, when a required file is missing', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { checks: { requiredFiles: ['README*', 'LICENSE'], maxArchiveBytes: 100 } });
    const { captain, project } = await teamWithProject(app, event);
    const zip = buildZip([{ name: 'repo-main/' }, { name: 'repo-main/readme.md', data: '# hello' }, { name: 'repo-main/src/a.ts', data: 'x'.repeat(200) }]);
    const response = await app
      .http()
      .post(eventPath(event, `/projects/${project.id}/archive`))
      .set('Authorization', captain.auth)
      .attach('file', zip, 'source.zip')
      .expect(200);
    expect(response.body.archive).toMatchObject({ name: 'source.zip', size: zip.length });
    expect(response.body.version).toBe(2);
    expect(response.body.checks).toEqual([
      { name: 'required-file:README*', status: 'passed', message: 'found readme.md' },
      { name: 'required-file:LICENSE', status: 'failed', message: expect.stringContaining('LICENSE') },
      { name: 'size', status: 'failed', message: expect.stringContaining(`${zip.length} bytes`) },
    ]);
    const download = await app.http().get(response.body.archive.url).set('Authorization', captain.auth).responseType('blob').expect(200);
    expect(Buffer.compare(download.body as Buffer, zip)).toBe(0);
    const outsider = await registerUser(app);
    await app.http().get(response.body.archive.url).set('Authorization', outsider.auth).expect(404);
  });

  it.each([['../escape.txt'], ['/etc/passwd']])('should refuse an archive with the unsafe entry %s', async (name) => {
    const event = await runningHackathon(app);
    const { captain, project } = await teamWithProject(app, event);
    const response = await app
      .http()
      .post(eventPath(event, `/projects/${project.id}/archive`))
      .set('Authorization', captain.auth)
      .attach(
        'file',
        buildZip([
          { name: 'README.md', data: 'x' },
          { name, data: 'x' },
        ]),
        'evil.zip',
      )
      .expect(400);
    expect(response.body.code).toBe('bad-archive');
    const stored = await app
      .http()
      .get(eventPath(event, `/projects/${project.id}`))
      .set('Authorization', captain.auth)
      .expect(200);
    expect(stored.body).toMatchObject({ archive: null, version: 1 });
  });

  it('should refuse to drop a track while a project uses it', async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { tracks: ['ai', 'web'] });
    await teamWithProject(app, event, { track: 'ai' });
    const response = await app
      .http()
      .put(eventPath(event, '/hackathon'))
      .set('Authorization', event.organiser.auth)
      .send({ tracks: ['web'] })
      .expect(409);
    expect(response.body.code).toBe('track-in-use');
    expect(await configure(app, event, { tracks: ['ai', 'web', 'iot'] })).toMatchObject({ tracks: ['ai', 'web', 'iot'] });
  });
});
