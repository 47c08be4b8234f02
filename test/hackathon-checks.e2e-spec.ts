import { INestApplicationContext } from '@nestjs/common';
import { buildZip, configure, eventPath, runningHackathon, teamWithProject } from './factories/hackathon.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { eventually, startTestWorker } from './utils/test-worker';

// The organiser's check command runs in the sandbox on every uploaded archive; a failure warns, never rejects.
describe('hackathon archive checks in the sandbox', () => {
  let app: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    app = await createTestApp();
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  async function upload(event: Parameters<typeof eventPath>[0], captain: { auth: string }, projectId: string, entries: { name: string; data?: string }[]) {
    return app
      .http()
      .post(eventPath(event, `/projects/${projectId}/archive`))
      .set('Authorization', captain.auth)
      .attach('file', buildZip(entries), 'source.zip')
      .expect(200);
  }

  const organiserCheck = async (event: Parameters<typeof eventPath>[0], captain: { auth: string }, projectId: string) =>
    eventually(async () => {
      const response = await app
        .http()
        .get(eventPath(event, `/projects/${projectId}`))
        .set('Authorization', captain.auth)
        .expect(200);
      const check = response.body.checks.find((item: { name: string }) => item.name === 'organiser-check');
      return check && check.status !== 'pending' ? check : undefined;
    }, 15_000);

  it("should pass, or fail with the command's output, depending on the archive", async () => {
    const event = await runningHackathon(app);
    await configure(app, event, { checks: { requiredFiles: [], command: 'test -f LICENSE && echo licensed || (echo "LICENSE missing"; exit 1)' } });
    const { captain, project } = await teamWithProject(app, event, { title: 'Checked' });

    const first = await upload(event, captain, project.id, [{ name: 'README.md', data: '# hi' }]);
    expect(first.body.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'organiser-check', status: 'pending' })]));
    const failed = await organiserCheck(event, captain, project.id);
    expect(failed).toMatchObject({ status: 'failed', message: expect.stringContaining('LICENSE missing') });

    await upload(event, captain, project.id, [{ name: 'LICENSE', data: 'MIT' }]);
    const passed = await organiserCheck(event, captain, project.id);
    expect(passed).toMatchObject({ status: 'passed', message: 'licensed' });
  });

  it('should keep the command away from the network and the host', async () => {
    const event = await runningHackathon(app);
    const probe = `(cat /etc/shadow || echo no-shadow); (ls /root || echo no-root); (tr "\\\\0" " " < /proc/1/environ; echo env-end)`;
    await configure(app, event, { checks: { requiredFiles: [], command: probe } });
    const { captain, project } = await teamWithProject(app, event, { title: 'Probe' });
    await upload(event, captain, project.id, [{ name: 'README.md', data: '# hi' }]);
    const check = await organiserCheck(event, captain, project.id);
    expect(check.message).toContain('no-shadow');
    expect(check.message).toContain('no-root');
    expect(check.message).not.toContain('DATABASE_URL');
    expect(check.message).not.toContain(process.env.JWT_SECRET as string);
  });
});
