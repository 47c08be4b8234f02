import { INestApplicationContext } from '@nestjs/common';
import { execFile, spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { promisify } from 'util';
import { postSubmission, settled } from './factories/ai.factory';
import { TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { startTestWorker } from './utils/test-worker';

// The demo seed (scripts/seed-demo.mjs), run as `npm start` runs it, against a database of its own (the demo's slugs
// are fixed, and other suites seed the shared one): a running AI competition whose task scores the sample prediction
// file, and a running hackathon that takes the demo players' projects.
jest.setTimeout(240_000);

const ROOT = join(__dirname, '..');
const SEED = join(ROOT, 'scripts', 'seed-demo.mjs');
const ADMIN = { email: 'admin@arena.test', password: 'admin-password-e2e' };
const DEMO_PASSWORD = 'arena-demo-player';

/** One statement on the harness's PostgreSQL server (through its usual database). */
async function onServer(sql: string): Promise<void> {
  const server = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
  await server.initialize();
  try {
    await server.query(sql);
  } finally {
    await server.destroy();
  }
}

interface SeedOutput {
  events: string[];
  ai: { slug: string; taskId: string; taskPath: string; sampleFile: string };
  hackathon: { slug: string; projectPath: string };
}

describe('demo seed: AI task and hackathon', () => {
  const database = `arena_seed_${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'arena-demo-seed-'));
  const sampleFile = join(dir, 'demo', 'ai-sample-predictions.csv');
  let databaseUrl: string;
  let app: TestApp;
  let worker: INestApplicationContext;
  let port: number;
  let first: SeedOutput;

  const seed = async (): Promise<SeedOutput> => {
    const { stdout } = await promisify(execFile)(process.execPath, [SEED, `http://127.0.0.1:${port}`], {
      env: { ...process.env, ARENA_ADMIN_EMAIL: ADMIN.email, ARENA_ADMIN_PASSWORD: ADMIN.password, ARENA_DEMO_SAMPLE_FILE: sampleFile },
      timeout: 120_000,
    });
    return JSON.parse(stdout.slice(stdout.indexOf('\n{') + 1)) as SeedOutput;
  };

  const login = async (email: string): Promise<TestUser> => {
    const response = await app.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
    return { ...response.body.user, accessToken: response.body.accessToken, refreshToken: response.body.refreshToken, auth: `Bearer ${response.body.accessToken}` };
  };

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${database}`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    const migrated = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.mjs'), 'migration:run'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stdout}${migrated.stderr}`);

    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = databaseUrl;
    try {
      app = await createTestApp();
      worker = await startTestWorker();
    } finally {
      process.env.DATABASE_URL = saved;
    }
    await app.app.listen(0, '127.0.0.1');
    port = (app.app.getHttpServer().address() as AddressInfo).port;
    first = await seed();
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('should export the sample file path under the git-ignored .arena folder and the pages the banner prints', () => {
    const script = "import * as m from './scripts/seed-demo.mjs'; console.log(JSON.stringify([m.DEMO_AI_SAMPLE_FILE, m.DEMO_AI_TASKS_PATH, m.DEMO_HACKATHON_PROJECT_PATH]))";
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const [file, tasksPath, projectPath] = JSON.parse(result.stdout) as string[];
    expect(file).toBe(join(ROOT, '.arena', 'demo', 'ai-sample-predictions.csv'));
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.arena/');
    expect(tasksPath).toBe('/events/ai-challenge-demo/tasks');
    expect(projectPath).toBe('/events/startup-hackathon-demo/project');
    expect(first.ai.taskPath).toBe(`${tasksPath}/${first.ai.taskId}`);
    expect(first.hackathon.projectPath).toBe(projectPath);
  });

  it('should open an AI task now, with a markdown description, and write the sample file with every id', async () => {
    const event = await app.http().get('/api/v1/events/ai-challenge-demo').expect(200);
    expect(new Date(event.body.startsAt).getTime()).toBeLessThan(Date.now());
    expect(new Date(event.body.endsAt).getTime()).toBeGreaterThan(Date.now() + 7 * 24 * 3600_000);
    const task = await app.http().get(`/api/v1/events/ai-challenge-demo/tasks/${first.ai.taskId}`).expect(200);
    expect(task.body).toMatchObject({ name: 'Review sentiment', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', rows: 200, maxDailySubmissions: 10 });
    expect(task.body.description).toContain('## Review sentiment');
    expect(first.ai.sampleFile).toBe(sampleFile);
    const lines = readFileSync(sampleFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,label');
    expect(lines).toHaveLength(201);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(200);
  });

  it('should score the sample file for a demo player at about 0.8, and count it against the day', async () => {
    const siti = await login('siti@arena.local');
    const team = await app.http().get('/api/v1/events/ai-challenge-demo/teams/me').set('Authorization', siti.auth).expect(200);
    expect(team.body.name).toBe('Kopi Overflow');
    const event = { slug: 'ai-challenge-demo' } as Parameters<typeof postSubmission>[1];
    const accepted = await postSubmission(app, event, siti, first.ai.taskId, readFileSync(sampleFile), 'ai-sample-predictions.csv').expect(202);
    const result = await settled(app, siti, accepted.body.id, 60_000);
    expect(result.status).toBe('scored');
    expect(result.publicScore).toBeGreaterThan(0.6);
    expect(result.publicScore).toBeLessThan(0.95);
    const quota = await app.http().get(`/api/v1/events/ai-challenge-demo/tasks/${first.ai.taskId}/quota`).set('Authorization', siti.auth).expect(200);
    expect(quota.body).toMatchObject({ usedToday: 1, leftToday: 9 });
  });

  it("should take a demo player's project in the hackathon, on one of its tracks", async () => {
    const jiwoo = await login('jiwoo@arena.local');
    const settings = await app.http().get('/api/v1/events/startup-hackathon-demo/hackathon').expect(200);
    expect(settings.body.tracks).toEqual(['health', 'climate', 'fintech']);
    const project = await app
      .http()
      .post('/api/v1/events/startup-hackathon-demo/projects')
      .set('Authorization', jiwoo.auth)
      .send({ title: 'Clinic queue', summary: 'Shorter waits at rural clinics.', repoUrl: 'https://github.com/null-pointers/clinic', track: 'health' })
      .expect(201);
    expect(project.body).toMatchObject({ teamName: 'Null Pointers', track: 'health' });
  });

  it('should change nothing when it runs again (one task, same teams)', async () => {
    const again = await seed();
    expect(again.ai.taskId).toBe(first.ai.taskId);
    const tasks = await app.http().get('/api/v1/events/ai-challenge-demo/tasks').expect(200);
    expect(tasks.body).toHaveLength(1);
    const teams = await app.http().get('/api/v1/events/startup-hackathon-demo/teams').expect(200);
    expect(teams.body.map((team: { name: string }) => team.name).sort()).toEqual(['Kopi Overflow', 'Mekong Stack', 'Null Pointers']);
    expect(existsSync(sampleFile)).toBe(true);
  });
});
