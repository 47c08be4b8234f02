import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { AddressInfo, createServer } from 'net';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { DataSource } from 'typeorm';
import { promisify } from 'util';
import { createTestApp, TestApp } from './utils/test-app';
import { AD_TICKS_ENV, eventually, startTestWorker } from './utils/test-worker';

// The demo attack-defence game of `npm start` (scripts/ad-demo.mjs, as start.mjs runs it) against a database of its
// own (the demo's slugs are fixed): three teams on 127.0.0.2–127.0.0.4 get OK statuses within a couple of 10 s
// ticks, and the banner's curl and nc lines, run as printed, submit stolen flags that answer OK.
jest.setTimeout(240_000);

const ROOT = join(__dirname, '..');
const ADMIN = { email: 'admin@arena.test', password: 'admin-password-e2e' };
const SLUG = 'acs-final-demo';

async function onServer(sql: string): Promise<void> {
  const server = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
  await server.initialize();
  try {
    await server.query(sql);
  } finally {
    await server.destroy();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Stands in for netcat where it is not installed: `nc [-q seconds] host port`, stdin to the socket (then half-closed),
// the socket to stdout; it ends when the server closes or `-q` seconds after stdin ended.
const FAKE_NC = `#!/usr/bin/env node
const net = require('net');
const args = process.argv.slice(2);
let quit = 0;
if (args[0] === '-q') { quit = Number(args[1]); args.splice(0, 2); }
const socket = net.connect({ host: args[0], port: Number(args[1]) });
socket.pipe(process.stdout);
process.stdin.on('data', (chunk) => socket.write(chunk));
process.stdin.on('end', () => { socket.end(); setTimeout(() => process.exit(0), quit * 1000).unref(); });
socket.on('close', () => process.exit(0));
socket.on('error', (error) => { console.error(error.message); process.exit(1); });
`;

describe('demo attack-defence game (npm start)', () => {
  const database = `arena_addemo_${randomUUID().slice(0, 8)}`;
  const bin = mkdtempSync(join(tmpdir(), 'arena-ad-demo-bin-'));
  let app: TestApp;
  let worker: INestApplicationContext;
  let demo: ChildProcess;
  let base: string;
  let output = '';
  const servicePort = 20000 + (process.pid % 20000);

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${database}`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${database}`;
    const migrated = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.mjs'), 'migration:run'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url.toString() },
      encoding: 'utf8',
    });
    if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stdout}${migrated.stderr}`);
    const tcpPort = await freePort();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url.toString();
    try {
      app = await createTestApp({ AD_TCP_PORT: String(tcpPort), HOST: '127.0.0.1' });
      worker = await startTestWorker(AD_TICKS_ENV);
    } finally {
      process.env.DATABASE_URL = saved;
    }
    await app.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    if (spawnSync('sh', ['-c', 'command -v nc']).status !== 0) {
      writeFileSync(join(bin, 'nc'), FAKE_NC);
      chmodSync(join(bin, 'nc'), 0o755);
    }
    demo = spawn(process.execPath, [join(ROOT, 'scripts', 'ad-demo.mjs'), 'start', base], {
      cwd: ROOT,
      env: { ...process.env, ARENA_ADMIN_EMAIL: ADMIN.email, ARENA_ADMIN_PASSWORD: ADMIN.password, ARENA_AD_DEMO_PORT: String(servicePort), AD_TCP_PORT: String(tcpPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => (output.includes('[ad-demo] running') ? true : demo.exitCode !== null ? Promise.reject(new Error(output)) : undefined), 120_000, 200);
  }, 240_000);

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once('exit', resolve));
      demo.kill('SIGTERM');
      await exited;
    }
    await worker?.close();
    await app?.close();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(bin, { recursive: true, force: true });
  });

  /** The banner line starting with `label` (after its indentation), without the label. */
  const line = (label: string) => {
    const found = output.split('\n').find((text) => text.trimStart().startsWith(label));
    if (!found) throw new Error(`no "${label}" line in:\n${output}`);
    return found.trimStart().slice(label.length).trim();
  };

  const sh = (command: string) =>
    promisify(execFile)('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` }, timeout: 60_000 });

  it('should print where the game is, the exploit, and curl and nc lines with the team token', () => {
    expect(line('A/D game')).toContain(`${base}/events/${SLUG}`);
    expect(line('A/D game')).toContain('ticks of 10 s');
    expect(line('you play')).toContain('siti@arena.local (team Kopi Overflow)');
    expect(line('you play')).toContain('test/fixtures/ad/notes/exploit.py');
    expect(line('HTTP:')).toMatch(/^curl -s /);
    expect(line('TCP:')).toMatch(/^\{ echo adt_[0-9a-f]{32}_[A-Za-z0-9_-]{22}; node scripts\/ad-demo\.mjs steal .*; \} \| nc -q 5 127\.0\.0\.1 \d+$/);
  });

  it('should skip the game, saying why, where the sandbox is not ready or the loopback addresses cannot be used', () => {
    const script = `import { adDemoSkipReason } from './scripts/ad-demo.mjs';
      const ready = { ready: true };
      console.log(JSON.stringify([
        await adDemoSkipReason({ sandbox: { ready: false, reason: 'bwrap is not installed' } }),
        await adDemoSkipReason({ sandbox: null }),
        await adDemoSkipReason({ sandbox: ready, hosts: ['192.0.2.1'], port: ${servicePort} }),
        await adDemoSkipReason({ sandbox: ready, hosts: ['127.0.0.2'], port: ${servicePort} }),
        await adDemoSkipReason({ sandbox: ready, hosts: ['127.0.0.5', '127.0.0.6'], port: ${servicePort} }),
      ]));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const [noSandbox, unknown, noAddress, taken, free] = JSON.parse(result.stdout) as Array<string | null>;
    expect(noSandbox).toMatch(/checkers run in the sandbox, which is not ready/);
    expect(unknown).toBe(noSandbox);
    expect(noAddress).toMatch(/^its vulnboxes need the loopback addresses 192\.0\.2\.1–192\.0\.2\.1: cannot listen on 192\.0\.2\.1:\d+ \(EADDRNOTAVAIL\)$/);
    // The running demo holds 127.0.0.2 on that port: a second game could not start its service there.
    expect(taken).toMatch(/cannot listen on 127\.0\.0\.2:\d+ \(EADDRINUSE\)/);
    expect(free).toBeNull();
  });

  it('should give every team OK within a couple of ticks, so statuses and SLA move', async () => {
    const rows = await eventually<Array<{ teamName: string; sla: number }>>(
      async () => {
        const status = (await app.http().get(`/api/v1/events/${SLUG}/ad/status`).expect(200)).body;
        const all = status.rows as Array<{ teamName: string; sla: number; services: Array<{ name: string; status: string | null }> }>;
        return all.length === 3 && all.every((row) => row.services[0]?.status === 'OK' && row.sla > 0) ? all : undefined;
      },
      30_000,
      500,
    ).catch(async (error: Error) => {
      const checks = await app.app.get(DataSource).query('SELECT tick, action, status, message, output FROM ad_checks ORDER BY created_at LIMIT 12');
      const ticks = await app.app.get(DataSource).query('SELECT * FROM ad_ticks');
      throw new Error(`${error.message}: ${JSON.stringify({ checks, ticks })}\n${output}`);
    });
    expect(rows.map((row) => row.teamName).sort()).toEqual(['Kopi Overflow', 'Mekong Stack', 'Null Pointers']);
    const boxes: Array<{ host: string }> = await app.app.get(DataSource).query('SELECT host FROM ad_vulnboxes ORDER BY host');
    expect(boxes.map((box) => box.host)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
  });

  it('should capture a stolen flag with the printed curl line (OK), then more with the printed nc line', async () => {
    // Both other teams' vulnboxes hold a flag planted by a tick: the exploit steals at least two.
    await eventually(
      async () => {
        const rows: Array<{ teams: string }> = await app.app
          .get(DataSource)
          .query("SELECT count(DISTINCT f.team_id) AS teams FROM ad_flags f JOIN teams t ON t.id = f.team_id WHERE f.planted AND t.name <> 'Kopi Overflow'");
        return Number(rows[0].teams) === 2 ? true : undefined;
      },
      30_000,
      500,
    );
    const http = await sh(line('HTTP:'));
    const answer = JSON.parse(http.stdout) as { results: Array<{ flag: string; status: string }> };
    expect(answer.results).toEqual([{ flag: expect.stringMatching(/^ACS\{[A-Za-z0-9_-]+\}$/), status: 'OK' }]);

    const tcp = await sh(line('TCP:'));
    const lines = tcp.stdout.trim().split('\n');
    expect(lines[1]).toBe('Team Kopi Overflow: send flags, one per line.');
    const verdicts = lines.slice(2).map((text) => text.split(' ')[1]);
    if (!verdicts.includes('OK')) throw new Error(`no OK over TCP: ${JSON.stringify(tcp)}`);
    // The flag sent over HTTP comes back DUP when it is still the newest; every other one is a new capture.
    expect(verdicts.filter((verdict) => verdict === 'OK').length).toBeGreaterThanOrEqual(1);
    expect(verdicts.every((verdict) => verdict === 'OK' || verdict === 'DUP')).toBe(true);
    const captures: Array<{ count: string }> = await app.app
      .get(DataSource)
      .query("SELECT count(*) AS count FROM ad_captures c JOIN teams t ON t.id = c.attacker_team_id WHERE t.name = 'Kopi Overflow'");
    expect(Number(captures[0].count)).toBe(1 + verdicts.filter((verdict) => verdict === 'OK').length);
  });
});
