// Attack-defence benchmark (not a test): on its own PostgreSQL, Redis, api and one worker (scripts/bench/stack.mjs),
// with the example notes service on 127.0.0.2–127.0.0.4 and its checker:
//   1. tick punctuality: a game of AD_BENCH_TICKS (100) ticks of 3 s, three teams; the start jitter of each tick
//      (ad_ticks.started_at − scheduled_at): p50, p99, max;
//   2. checker throughput: three teams × AD_BENCH_SERVICES (20) services, ticks of 30 s (a checker timeout of 10 s, so
//      that runs slowed by the load are not cut at a second), more than one worker can check; the checker runs
//      (check, put, get) and the tick results (team × service) one worker process completes per second over
//      AD_BENCH_WINDOW_SECONDS (60), with the queue's backlog to show it was saturated;
//   3. capture rate: AD_BENCH_FLAGS (20 000) valid, distinct flags of another team, submitted over HTTP (batches of
//      100 on 16 connections) and over TCP (8 connections, one flag per line): captures (OK answers) per second.
// Each figure is printed with the 1-minute load average beside it (the machine may be shared).
//   node scripts/ad-bench.mjs        (BENCH_SKIP_BUILD=1 uses dist/ as it is)
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { freePort, ROOT } from './local-services.mjs';
import { notesCheckerZip } from './ad-demo.mjs';
import { connect } from './bench/seed.mjs';
import { num, percentile } from './bench/report.mjs';
import { appEnv, build, DIST, migrate, onCleanup, runGuarded, say, startApps, startServices } from './bench/stack.mjs';

const intEnv = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const TICKS = intEnv('AD_BENCH_TICKS', 100);
const SERVICES = intEnv('AD_BENCH_SERVICES', 20);
const WINDOW_SECONDS = intEnv('AD_BENCH_WINDOW_SECONDS', 60);
const FLAGS = intEnv('AD_BENCH_FLAGS', 20_000);
const HTTP_CONNECTIONS = 16;
const TCP_CONNECTIONS = 8;
const HOSTS = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
const NOTES = join(ROOT, 'test', 'fixtures', 'ad', 'notes', 'service.py');
const PASSWORD = 'bench-password-123';

const load = () => num(loadavg()[0], 2);

function makeApi(baseUrl) {
  return async function api(method, path, { body, auth, form, ok = [200, 201, 204] } = {}) {
    const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: `Bearer ${auth}` } : {}) };
    const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: form ?? (body ? JSON.stringify(body) : undefined) });
    const text = await response.text();
    let json = text;
    try {
      json = JSON.parse(text);
    } catch {
      // keep the text
    }
    if (!ok.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return json;
  };
}

async function startNotes(port) {
  for (const host of HOSTS) {
    const child = spawn('python3', [NOTES, host, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanup(() => child.kill('SIGKILL'));
    await new Promise((resolve, reject) => {
      child.stdout.once('data', resolve);
      child.once('exit', (code) => reject(new Error(`notes service on ${host}:${port} exited ${code}`)));
    });
  }
}

/**
 * An attack-defence event (upcoming) with `players.length` teams, `services` notes services and, with `vulnboxes`,
 * the teams on 127.0.0.2–4. Returns its id, slug, teams and services.
 */
async function setUpGame(api, admin, players, { tickSeconds, services, port, vulnboxes = true, checkerTimeoutSeconds = 1 }) {
  const slug = `ad-bench-${randomUUID().slice(0, 8)}`;
  const far = Date.now() + 24 * 3600_000;
  const event = await api('POST', '/events', {
    auth: admin,
    body: {
      slug,
      title: 'A/D bench',
      kind: 'ad',
      startsAt: new Date(far).toISOString(),
      endsAt: new Date(far + 3600_000).toISOString(),
      registration: { approval: 'auto' },
      teams: { minSize: 1, maxSize: 4, lockAtStart: false },
      ad: { tickSeconds, flagLifetimeTicks: 5, flagPrefix: 'ACS' },
    },
  });
  const teams = [];
  for (const [index, player] of players.entries()) {
    await api('POST', `/events/${slug}/registrations`, { auth: player.token, body: {} });
    teams.push(await api('POST', `/events/${slug}/teams`, { auth: player.token, body: { name: `Team ${index + 1}` } }));
  }
  const created = [];
  for (let index = 0; index < services; index++) {
    const form = new FormData();
    const fields = { name: `notes${index + 1}`, port: String(port), checkerCommand: 'python3 checker.py', checkerTimeoutSeconds: String(checkerTimeoutSeconds) };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('checker', new Blob([notesCheckerZip(port)], { type: 'application/zip' }), 'checker.zip');
    created.push(await api('POST', `/events/${slug}/ad/services`, { auth: admin, form }));
  }
  if (vulnboxes) {
    await api('PUT', `/events/${slug}/ad/vulnboxes`, { auth: admin, body: { vulnboxes: teams.map((team, index) => ({ teamId: team.id, host: HOSTS[index % HOSTS.length] })) } });
  }
  return { id: event.id, slug, teams, services: created };
}

async function startGame(api, admin, game, { ticks, tickSeconds, lead = 3000 }) {
  const startsAt = Math.ceil((Date.now() + lead) / 1000) * 1000;
  const endsAt = startsAt + ticks * tickSeconds * 1000 - 100;
  await api('PATCH', `/events/${game.slug}`, { auth: admin, body: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() } });
  return { startsAt, endsAt };
}

// ---------------------------------------------------------------- phases

async function tickJitter({ api, admin, players, db, port }) {
  const game = await setUpGame(api, admin, players, { tickSeconds: 3, services: 1, port });
  const { endsAt } = await startGame(api, admin, game, { ticks: TICKS, tickSeconds: 3 });
  say(`tick jitter: a game of ${TICKS} ticks of 3 s, 3 teams, 1 service (about ${Math.round((endsAt - Date.now()) / 1000)} s)…`);
  const loads = [];
  while (Date.now() < endsAt + 1500) {
    loads.push(loadavg()[0]);
    await sleep(5000);
  }
  const { rows } = await db.query('SELECT tick, extract(epoch FROM started_at - scheduled_at) * 1000 AS late FROM ad_ticks WHERE event_id = $1 ORDER BY tick', [game.id]);
  const late = rows.map((row) => Number(row.late));
  const states = await db.query('SELECT status, count(*)::int AS n FROM ad_service_states WHERE event_id = $1 GROUP BY status ORDER BY status', [game.id]);
  const missing = TICKS - rows.length;
  const why = await db.query("SELECT status, message, output, duration_ms FROM ad_checks WHERE event_id = $1 AND status <> 'OK' LIMIT 1", [game.id]);
  if (why.rows[0]) say(`a run that was not OK: ${JSON.stringify(why.rows[0])}`);
  return {
    figure: `tick start jitter over ${rows.length} ticks of 3 s (started − scheduled)`,
    measured: `p50 ${num(percentile(late, 50), 1)} ms, p99 ${num(percentile(late, 99), 1)} ms, max ${num(Math.max(...late), 1)} ms${missing ? `, ${missing} ticks missing` : ''}`,
    load: `${num(Math.min(...loads), 1)}–${num(Math.max(...loads), 1)}`,
    note: `tick results: ${states.rows.map((row) => `${row.status} ${row.n}`).join(', ')}`,
  };
}

async function checkerThroughput({ api, admin, players, db, port, env }) {
  const game = await setUpGame(api, admin, players, { tickSeconds: 30, services: SERVICES, port, checkerTimeoutSeconds: 10 });
  const ticks = Math.ceil((WINDOW_SECONDS + 30) / 30);
  const { startsAt, endsAt } = await startGame(api, admin, game, { ticks, tickSeconds: 30 });
  say(`checker throughput: 3 teams × ${SERVICES} services, ticks of 30 s, ${WINDOW_SECONDS} s measured after 15 s…`);
  await sleep(Math.max(0, startsAt + 15_000 - Date.now()));
  const from = new Date();
  const loadFrom = loadavg()[0];
  await sleep(WINDOW_SECONDS * 1000);
  const to = new Date();
  const loadTo = loadavg()[0];
  const count = async (table) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE event_id = $1 AND created_at >= $2 AND created_at < $3`, [game.id, from, to])).rows[0].n);
  const [runs, results] = [await count('ad_checks'), await count('ad_service_states')];
  const queue = new Queue('ad-checks', { connection: { url: env.REDIS_URL }, prefix: env.BULLMQ_PREFIX });
  const backlog = await queue.getJobCounts('waiting', 'delayed', 'active');
  const { rows: durations } = await db.query('SELECT duration_ms FROM ad_checks WHERE event_id = $1 AND created_at >= $2 AND created_at < $3', [game.id, from, to]);
  const wall = durations.map((row) => Number(row.duration_ms));
  const statuses = await db.query('SELECT status, count(*)::int AS n FROM ad_checks WHERE event_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY status ORDER BY status', [
    game.id,
    from,
    to,
  ]);
  // End the game and drop its queued checks, so the next phase has the machine.
  await api('PATCH', `/events/${game.slug}`, { auth: admin, body: { endsAt: new Date(Math.max(Date.now() + 1000, startsAt + 3000)).toISOString() } });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  void endsAt;
  return [
    {
      figure: `checker runs per second, one worker (AD_CHECKER_CONCURRENCY ${env.AD_CHECKER_CONCURRENCY ?? 8})`,
      measured: `${num(runs / WINDOW_SECONDS, 1)} runs/s (${runs} in ${WINDOW_SECONDS} s: ${statuses.rows.map((row) => `${row.status} ${row.n}`).join(', ')})`,
      load: `${num(loadFrom, 1)}–${num(loadTo, 1)}`,
      note: `a run's wall time p50 ${num(percentile(wall, 50))} ms, p99 ${num(percentile(wall, 99))} ms; ${3 * SERVICES} jobs a tick; backlog at the end: ${backlog.waiting + backlog.delayed} queued, ${backlog.active} running`,
    },
    {
      figure: 'tick results (team × service: check, put, gets) per second',
      measured: `${num(results / WINDOW_SECONDS, 2)} /s`,
      load: `${num(loadFrom, 1)}–${num(loadTo, 1)}`,
    },
  ];
}

/** `count` valid flags of `victim`, stored as planted (the worker would have planted them); each its own slot (vuln). */
let planted = 0;
async function plantFlags(db, signer, game, victim, count) {
  const flags = [];
  for (let index = 0; index < count; index++) flags.push(signer.sign(game.id, 'ACS', { teamId: victim.id, serviceId: game.services[0].id, tick: 1 }));
  for (let offset = 0; offset < flags.length; offset += 5000) {
    const chunk = flags.slice(offset, offset + 5000);
    await db.query(
      `INSERT INTO ad_flags (flag, event_id, team_id, service_id, tick, vuln, flag_id, planted)
       SELECT f, $2, $3, $4, 1, $5 + v, 'bench-' || ($5 + v), true FROM unnest($1::text[]) WITH ORDINALITY AS i(f, v)`,
      [chunk, game.id, victim.id, game.services[0].id, planted],
    );
    planted += chunk.length;
  }
  return flags;
}

async function captureRate({ api, admin, players, db, env, port }) {
  const { FlagSigner } = createRequire(import.meta.url)(join(DIST, 'libs', 'ad', 'src', 'flags', 'flag-signer.js'));
  const signer = new FlagSigner(env.AD_FLAG_SECRET);
  // A long tick and no vulnboxes: no checker runs meanwhile, only submissions.
  const game = await setUpGame(api, admin, players.slice(0, 2), { tickSeconds: 3600, services: 1, port, vulnboxes: false });
  const { startsAt } = await startGame(api, admin, game, { ticks: 2, tickSeconds: 3600, lead: 1000 });
  await sleep(Math.max(0, startsAt + 200 - Date.now()));
  const [attacker, victim] = game.teams;
  const attackerToken = players[0].token;
  const rows = [];

  say(`capture rate over HTTP: ${FLAGS} flags, batches of 100 on ${HTTP_CONNECTIONS} connections…`);
  const httpFlags = await plantFlags(db, signer, game, victim, FLAGS);
  let next = 0;
  let ok = 0;
  let loadFrom = loadavg()[0];
  let started = performance.now();
  await Promise.all(
    Array.from({ length: HTTP_CONNECTIONS }, async () => {
      while (next < httpFlags.length) {
        const batch = httpFlags.slice(next, next + 100);
        next += 100;
        const answer = await api('POST', `/events/${game.slug}/ad/flags`, { auth: attackerToken, body: { flags: batch } });
        ok += answer.results.filter((result) => result.status === 'OK').length;
      }
    }),
  );
  let seconds = (performance.now() - started) / 1000;
  rows.push({
    figure: 'captures per second over HTTP (POST …/ad/flags, 100 a request)',
    measured: `${num(ok / seconds)} /s (${ok} of ${FLAGS} OK in ${num(seconds, 1)} s)`,
    load: `${num(loadFrom, 1)}–${num(loadavg()[0], 1)}`,
  });

  say(`capture rate over TCP: ${FLAGS} flags, one per line on ${TCP_CONNECTIONS} connections…`);
  const tcpFlags = await plantFlags(db, signer, game, victim, FLAGS);
  const token = signer.teamToken(attacker.id);
  const share = Math.ceil(FLAGS / TCP_CONNECTIONS);
  ok = 0;
  loadFrom = loadavg()[0];
  started = performance.now();
  await Promise.all(
    Array.from({ length: TCP_CONNECTIONS }, (_, index) => {
      const mine = tcpFlags.slice(index * share, (index + 1) * share);
      return new Promise((resolve, reject) => {
        const socket = tcpConnect({ host: '127.0.0.1', port: Number(env.AD_TCP_PORT) });
        let buffer = '';
        let answers = 0;
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => {
          buffer += chunk;
          const lines = buffer.split('\n');
          buffer = lines.pop();
          for (const line of lines) {
            if (line.endsWith(' OK')) ok += 1;
            if (line.startsWith('ACS{')) answers += 1;
          }
          if (answers === mine.length) socket.end();
        });
        socket.on('error', reject);
        socket.on('close', () => (answers === mine.length ? resolve() : reject(new Error(`TCP: ${answers} answers of ${mine.length}: ${buffer}`))));
        // The socket buffers what the server does not read yet: the server's own backpressure paces it.
        socket.write(`${token}\n${mine.join('\n')}\n`);
      });
    }),
  );
  seconds = (performance.now() - started) / 1000;
  rows.push({
    figure: 'captures per second over TCP (one flag a line)',
    measured: `${num(ok / seconds)} /s (${ok} of ${FLAGS} OK in ${num(seconds, 1)} s)`,
    load: `${num(loadFrom, 1)}–${num(loadavg()[0], 1)}`,
  });
  return rows;
}

// ---------------------------------------------------------------- main

async function main() {
  build();
  const services = await startServices();
  const env = {
    ...(await appEnv(services)),
    AD_TCP_PORT: String(await freePort()),
    AD_FLAGS_PER_SECOND: '100000000',
    AD_FLAG_SECRET: randomBytes(32).toString('base64url'),
  };
  migrate(env);
  const { baseUrl } = await startApps(env);
  const db = await connect(env.DATABASE_URL);
  onCleanup(() => db.end());
  const api = makeApi(baseUrl);
  const admin = (await api('POST', '/auth/login', { body: { email: env.ARENA_ADMIN_EMAIL, password: env.ARENA_ADMIN_PASSWORD } })).accessToken;
  const port = Number(process.env.AD_BENCH_SERVICE_PORT ?? 9180);
  await startNotes(port);
  const players = [];
  for (let index = 0; index < 3; index++) {
    const user = await api('POST', '/auth/register', { body: { email: `player${index}@bench.test`, password: PASSWORD, displayName: `Player ${index}`, country: 'MY' } });
    players.push({ token: user.accessToken });
  }
  say(`platform up at ${baseUrl}; load average ${load()}`);

  const rows = [];
  const context = { api, admin, players, db, port, env };
  rows.push(await tickJitter(context));
  rows.push(...(await checkerThroughput(context)));
  rows.push(...(await captureRate(context)));

  const width = Math.max(...rows.map((row) => row.figure.length));
  console.log('\n  attack-defence bench (1-minute load average beside each figure)\n');
  for (const row of rows) {
    console.log(`  ${row.figure.padEnd(width)}  ${row.measured}   [load ${row.load}]`);
    if (row.note) console.log(`  ${''.padEnd(width)}  ${row.note}`);
  }
  console.log('');
}

runGuarded(main);
