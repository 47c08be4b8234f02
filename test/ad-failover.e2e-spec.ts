import { ChildProcess, spawn } from 'child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { DataSource } from 'typeorm';
import { addService, adPath, checkerZip, createAdGame } from './factories/ad.factory';
import { createTestApp, TestApp } from './utils/test-app';
import { AD_TICKS_ENV, eventually, holdGames } from './utils/test-worker';

const ROOT = resolve(__dirname, '..');
const TICK_SECONDS = 3;
const TICKS = 10;
// The vulnboxes need not answer: the checker says OK without looking (after a pause, so that a run is caught in flight),
// so only the scheduler and the queue are tested.
const HOSTS = ['127.0.3.2', '127.0.3.3', '127.0.3.4'];
const SLOW_OK = checkerZip({ 'checker.py': 'import sys, time\ntime.sleep(0.5)\nsys.exit(101)\n' });

/** Whether a process has a child (a worker running a checker has its bubblewrap). */
function hasChild(pid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: the command may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return true;
    } catch {
      // Gone meanwhile.
    }
  }
  return false;
}

jest.setTimeout(240_000);

/** A real worker process (`apps/worker/src/main.ts`) whose JSON log lines are kept. */
interface WorkerProcess {
  child: ChildProcess;
  lines: string[];
  says: (text: string) => boolean;
}

describe('attack-defence ticks when the leading worker is killed', () => {
  let app: TestApp;
  let sandboxDir: string;
  const workers: WorkerProcess[] = [];
  let releaseGames: (() => Promise<void>) | undefined;

  // No other suite's tick leader runs meanwhile: it would start this game's ticks too (whoever comes first), and the
  // test checks that the survivor started them. Waits for the game suites running now to end.
  beforeAll(async () => {
    releaseGames = await holdGames('exclusive');
    app = await createTestApp();
    sandboxDir = mkdtempSync(join(tmpdir(), 'arena-ad-failover-'));
    chmodSync(sandboxDir, 0o755);
  }, 600_000);

  afterAll(async () => {
    for (const worker of workers) killGroup(worker.child);
    await app?.close();
    if (sandboxDir) rmSync(sandboxDir, { recursive: true, force: true });
    await releaseGames?.();
  });

  function spawnWorker(): WorkerProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      // A killed worker's checker job is taken again after two lock periods: 2 s here, as a short tick needs.
      env: { ...process.env, ...AD_TICKS_ENV, WORKER_LOCK_SECONDS: '2', SANDBOX_DIR: sandboxDir, TS_NODE_PROJECT: 'tsconfig.json', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const lines: string[] = [];
    let rest = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
    const worker = { child, lines, says: (text: string) => lines.some((line) => line.includes(text)) };
    workers.push(worker);
    return worker;
  }

  function killGroup(child: ChildProcess): void {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  const db = () => app.app.get(DataSource);

  it('should start every tick exactly once, and check it, when the leader dies mid-game and the other worker takes over', async () => {
    const { event, players } = await createAdGame(app, {
      teams: HOSTS.length,
      ad: { tickSeconds: TICK_SECONDS, flagLifetimeTicks: 3 },
      event: { startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 7200_000).toISOString() },
    });
    await addService(app, event, { checkerTimeoutSeconds: 1 }, SLOW_OK).expect(201);
    const vulnboxes = players.map((player, index) => ({ teamId: player.team.id, host: HOSTS[index] }));
    await app.http().put(adPath(event, '/vulnboxes')).set('Authorization', event.organiser.auth).send({ vulnboxes }).expect(200);

    const pair = [spawnWorker(), spawnWorker()];
    await eventually(async () => (pair.every((worker) => worker.says('worker started')) ? true : undefined), 90_000, 200);
    const leader = await eventually(async () => pair.find((worker) => worker.says('tick scheduler: leading')), 10_000, 100);
    const follower = pair.find((worker) => worker !== leader) as WorkerProcess;
    expect(follower.says('tick scheduler: leading')).toBe(false);

    const start = Date.now() + 1000;
    const end = start + TICKS * TICK_SECONDS * 1000 - 100;
    await app
      .http()
      .patch(`/api/v1/events/${event.slug}`)
      .set('Authorization', event.organiser.auth)
      .send({ startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() })
      .expect(200);

    const ticks = async (): Promise<Array<{ tick: number; late: number }>> =>
      db().query('SELECT tick, extract(epoch FROM started_at - scheduled_at) * 1000 AS late FROM ad_ticks WHERE event_id = $1 ORDER BY tick', [event.id]);
    // Mid-game, from tick 3 on, while the leader runs a checker (so a job dies with it): SIGKILL, no shutdown.
    await eventually(async () => ((await ticks()).length >= 3 ? true : undefined), 30_000, 50);
    await eventually(async () => (hasChild(leader.child.pid as number) ? true : undefined), 4 * TICK_SECONDS * 1000, 20);
    const killedAt = Date.now();
    const killedIn = (await ticks()).length;
    leader.child.kill('SIGKILL');
    await new Promise((done) => leader.child.once('exit', done));
    expect(leader.child.signalCode).toBe('SIGKILL');

    await eventually(async () => (follower.says('tick scheduler: leading') ? true : undefined), 10_000, 100);
    await new Promise((done) => setTimeout(done, Math.max(0, end - Date.now()) + 500));

    // One row per tick, 1 to the last, none twice (the primary key), none missing.
    const started = await ticks();
    expect(started.map((row) => row.tick)).toEqual(Array.from({ length: TICKS }, (_, index) => index + 1));
    // The survivor started the ticks after the kill on time: within a tick of their time, so they were checked, not
    // recorded late as unchecked.
    const afterKill = started.filter((row) => row.tick > killedIn);
    expect(afterKill.length).toBeGreaterThanOrEqual(3);
    for (const row of afterKill) expect(Number(row.late)).toBeLessThan(TICK_SECONDS * 1000);
    // The survivor says it started each of them (a log line may come through the pipe a little after the row it wrote).
    // Before the suites leading ticks held the games (holdGames), another suite's leader sometimes won that race.
    const startedLine = (tick: number) => `tick ${tick} of event ${event.id} started`;
    const survivorStarted = () => afterKill.every((row) => follower.says(startedLine(row.tick)));
    await eventually(async () => (survivorStarted() ? true : undefined), 10_000, 100).catch(() => undefined);
    if (!survivorStarted())
      console.warn(
        `the survivor's tick lines:\n${follower.lines
          .filter((line) => line.includes('tick'))
          .slice(-15)
          .join('\n')}`,
      );
    expect(survivorStarted()).toBe(true);
    expect(leader.says(`tick ${killedIn + 1} of event ${event.id}`)).toBe(false);
    expect(Date.now() - killedAt).toBeGreaterThan(3 * TICK_SECONDS * 1000);

    // Every tick was checked for every team, once: the killed worker's jobs were taken again by the survivor, within a
    // few ticks (two lock periods).
    const states = await eventually(
      async () => {
        const rows: Array<{ tick: number; count: string }> = await db().query(
          'SELECT tick, count(*) AS count FROM ad_service_states WHERE event_id = $1 GROUP BY tick ORDER BY tick',
          [event.id],
        );
        return rows.length === TICKS && rows.every((row) => Number(row.count) === HOSTS.length) ? rows : undefined;
      },
      4 * TICK_SECONDS * 1000,
      200,
    );
    expect(states.map((row) => row.tick)).toEqual(Array.from({ length: TICKS }, (_, index) => index + 1));
  });
});
