// npm run bench: the leaderboard and flag-attempt figures of issue 5, and the contest-start storm of issue 12, on this
// machine, next to their targets.
//
// Builds, starts its own embedded PostgreSQL and private redis-server (never the machine's), migrates, runs the
// compiled api (LOG_LEVEL=warn) and worker as child processes, seeds a running CTF with SQL (1 000 teams,
// 50 challenges, 20 000 solves) and registers a few real players through the api. Then, with the load generated
// by child processes of this script (never the api):
//   0. calibration: the same load on a bare Fastify route serving a cached 100-row board (what the 2 cores give
//      right now: other processes on the machine show here); always run when `storm` is, whose targets are ratios to it;
//   storm: the first minutes of a contest, through the api only, on an event the platform admin makes (1 000 players
//      register and make their teams; flag storm of 20 000 attempts with the sign-in storm and 1 000 SSE clients
//      meanwhile; race of 200 × 3 right flags; 20 000 board reads; 5 000 signed-in challenge lists, checked against
//      the database), each figure as a % of the calibration line: see scripts/bench/storm.mjs;
//   1. flag attempts: autocannon, 64 connections, mostly wrong flags over 16 teams × 50 challenges (the event's
//      wrong-attempt brake raised to 10 000 a minute), the last 5 challenges with the right flag;
//   2. leaderboard reads: autocannon, 64 connections, anonymous GET of the public board;
//   3. solve → SSE: 1 000 clients on /leaderboard/stream, 30 solves through the api 300 ms apart; latency from
//      each attempt's response to each client's receipt of a board that contains it;
//   4. probe: PostgreSQL's statement log while single requests run (what one attempt / one read costs the database);
//   5. recompute: events of 1 000 / 20 000, 10 000 / 200 000 and 20 000 / 400 000 teams / solves; time from
//      enqueueing a recompute on the worker's queue to its publish, and the worker's own figure.
// Also CPU per process (/proc) and what PostgreSQL's backends do (pg_stat_activity) during each run. Prints the
// table and exits 0: a benchmark, not a test. Every child process and the temp dir are removed on exit, Ctrl-C
// included (the work runs in a process group of its own; this process only relays signals).
//
// Knobs (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_SSE_CLIENTS (1000), BENCH_SSE_SOLVES (30),
// BENCH_RECOMPUTE ("1000x20000,10000x200000,20000x400000"), BENCH_PHASES ("calibration,storm,attempts,reads,sse,probe,recompute"),
// BENCH_STORM_PLAYERS (1000) and BENCH_STORM_LOGIN_SECONDS (60) for the storm (BENCH_SSE_CLIENTS sets its stream clients too),
// BENCH_PROFILE=1 (V8 CPU profile of the api during each measured run, summarised under the table and kept in
// $TMPDIR/arena-bench-profiles/), BENCH_SKIP_BUILD=1 (use dist/ as it is), BENCH_API_NODE_ARGS and BENCH_WORKER_NODE_ARGS (extra node flags for the api or
// the worker, e.g. "--cpu-prof --cpu-prof-dir=/tmp/worker-profile").
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ROOT } from './local-services.mjs';
import { captureStatements, describeStatements, sampleActivity } from './bench/pg-probes.mjs';
import { summarizeProfile } from './bench/profile-summary.mjs';
import { median, ms, num, percentile, table } from './bench/report.mjs';
import { award, connect, joinTeam, seedCtf } from './bench/seed.mjs';
import { runStorm } from './bench/storm.mjs';
import { appEnv, build, cpuSnapshot, cpuUsage, migrate, onCleanup, runGuarded, say, spawnNode, startApps, startServices, stopChild } from './bench/stack.mjs';

const intEnv = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const SECONDS = intEnv('BENCH_SECONDS', 10);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 64);
const SSE_CLIENTS = intEnv('BENCH_SSE_CLIENTS', 1000);
const SSE_SOLVES = intEnv('BENCH_SSE_SOLVES', 30);
const SSE_SOLVE_EVERY_MS = 300;
const RECOMPUTE_SIZES = (process.env.BENCH_RECOMPUTE ?? '1000x20000,10000x200000,20000x400000').split(',').map((size) => {
  const [teams, solves] = size.split('x').map(Number);
  return { teams, solves };
});
const RECOMPUTE_RUNS = 3;
const PROFILE = /^(1|true|yes)$/i.test(process.env.BENCH_PROFILE ?? '');
const PHASES = new Set((process.env.BENCH_PHASES ?? 'calibration,storm,attempts,reads,sse,probe,recompute').split(',').map((name) => name.trim()));
if (PHASES.has('storm')) PHASES.add('calibration'); // the storm's figures are ratios to it
const MAIN = { slug: 'bench-main', teams: 1000, solves: 20_000, challenges: 50 };
const ATTACKERS = 16; // players (and teams) sending the attempts
const CORRECT_FROM = 45; // challenges from this index on get the right flag during the attempt run
const PROBE_REQUESTS = 20;
const PASSWORD = 'bench-password-123';

const now = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------- helpers

function makeApi(baseUrl) {
  return async function api(method, path, { body, auth } = {}) {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: json ?? text, at: now() };
  };
}

/** Sends a message to a child and resolves with its next message (rejects when the child exits first). */
function ask(child, message) {
  return new Promise((resolve, reject) => {
    const onMessage = (reply) => {
      child.off('exit', onExit);
      resolve(reply);
    };
    const onExit = (code, signal) => {
      child.off('message', onMessage);
      reject(new Error(`${child.benchName} exited (${signal ?? `code ${code}`}):\n${child.tail.join('\n')}`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

function assertAlive(...children) {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.benchName} died (${child.signalCode ?? `code ${child.exitCode}`}):\n${child.tail.join('\n')}`);
    }
  }
}

async function verdicts(db, eventId) {
  const { rows } = await db.query('SELECT verdict, count(*)::int AS n FROM attempts WHERE event_id = $1 GROUP BY verdict', [eventId]);
  return Object.fromEntries(rows.map((row) => [row.verdict, row.n]));
}

const diff = (after, before) => Object.fromEntries(Object.entries(after).map(([key, value]) => [key, value - (before[key] ?? 0)]));
const cpuLine = (usage) =>
  Object.entries(usage)
    .map(([name, percent]) => `${name} ${percent}%`)
    .join(' · ');

// ---------------------------------------------------------------- the run

async function main() {
  const startedAt = Date.now();
  const loadAtStart = loadavg();
  build();
  const services = await startServices();
  const env = await appEnv(services);
  migrate(env);
  const profileDir = join(services.dir, 'profiles');
  if (PROFILE) {
    mkdirSync(profileDir, { recursive: true });
    env.BENCH_PROFILE_DIR = profileDir;
  }

  const db = await connect(services.databaseUrl);
  onCleanup(() => db.end().catch(() => undefined));
  const workerTimes = []; // { eventId, version, ms, at }
  const onWorkerLine = (line) => {
    const match = /event ([0-9a-f-]{36}) boards recomputed \(version (\d+)\) in (\d+) ms/.exec(line);
    if (match) workerTimes.push({ eventId: match[1], version: Number(match[2]), ms: Number(match[3]), at: now() });
  };
  say(`seeding ${num(MAIN.teams)} teams / ${num(MAIN.solves)} solves / ${MAIN.challenges} challenges while api and worker start…`);
  const [mainEvent, apps] = await Promise.all([
    seedCtf(db, { ...MAIN, reserved: ATTACKERS + 1 }),
    startApps(env, { onWorkerLine, apiNodeArgs: PROFILE ? ['-r', join(ROOT, 'scripts', 'bench', 'cpu-profile.cjs')] : [] }),
  ]);
  say(`seeded ${mainEvent.slug} in ${ms(mainEvent.ms)}; api on ${apps.baseUrl}`);
  const api = makeApi(apps.baseUrl);

  // Real players through the api: 16 attackers and one SSE player, each joining a reserved team.
  const players = [];
  for (let index = 0; index <= ATTACKERS; index += 1) {
    const registered = await api('POST', '/auth/register', {
      body: { email: `player${index}@bench.test`, password: PASSWORD, displayName: `Bench player ${index}`, country: 'VN' },
    });
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
    const team = mainEvent.reservedTeams[index];
    await joinTeam(db, { eventId: mainEvent.eventId, teamId: team.teamId, userId: registered.body.user.id });
    players.push({ auth: `Bearer ${registered.body.accessToken}`, teamId: team.teamId });
  }
  const attackers = players.slice(0, ATTACKERS);
  const ssePlayer = players[ATTACKERS];
  await award(db, { eventId: mainEvent.eventId, teamId: ssePlayer.teamId, value: 100_000, reason: 'bench: keeps the SSE team on every first page' });
  const check = await api('POST', `/events/${MAIN.slug}/challenges/${mainEvent.challenges[0].id}/attempts`, {
    auth: attackers[0].auth,
    body: { submission: 'ACS{warm-up}' },
  });
  if (check.status !== 200) throw new Error(`a first attempt answered ${check.status}: ${JSON.stringify(check.body)}`);
  const firstRead = await api('GET', `/events/${MAIN.slug}/leaderboard`);
  if (firstRead.status !== 200 || firstRead.body.total !== MAIN.teams) {
    throw new Error(`the first board read answered ${firstRead.status} with ${firstRead.body?.total} teams`);
  }
  say(`${players.length} players registered through the api; the board holds ${num(firstRead.body.total)} teams`);

  const load = spawnNode('load generator', join(ROOT, 'scripts', 'bench', 'load.mjs'), [], process.env, { ipc: true });
  const cpuGroups = () => ({
    api: { pid: apps.api.pid, withChildren: true },
    worker: { pid: apps.worker.pid },
    postgres: { pid: services.postmasterPid, withChildren: true },
    redis: { pid: services.redisPid },
    loadgen: { pid: load.pid },
  });
  const runLoad = async (job) => {
    const reply = await ask(load, job);
    if (!reply.ok) throw new Error(`load generator: ${reply.error}`);
    assertAlive(apps.api, apps.worker);
    return reply;
  };

  const phase = (name) => PHASES.has(name);
  /** Runs `work` under the api's CPU profiler when BENCH_PROFILE is set; the summary goes under the table. */
  const profiled = async (label, work) => {
    if (!PROFILE) return work();
    writeFileSync(join(profileDir, 'command'), `start ${label}`);
    await sleep(150);
    try {
      return await work();
    } finally {
      writeFileSync(join(profileDir, 'command'), `stop ${label}`);
      for (let waited = 0; waited < 20_000 && !existsSync(join(profileDir, `${label}.done`)); waited += 100) await sleep(100);
      const file = join(profileDir, `${label}.cpuprofile`);
      if (existsSync(file)) {
        // Kept after the run (the temp dir is not), for Chrome DevTools or speedscope.
        const kept = join(tmpdir(), 'arena-bench-profiles', `api-${label}.cpuprofile`);
        mkdirSync(dirname(kept), { recursive: true });
        copyFileSync(file, kept);
        profiles.push(`api CPU profile, ${label} (${kept}):`, ...summarizeProfile(file));
      }
    }
  };
  const profiles = [];
  const rows = [];
  const details = [];
  let calibrationPerSecond = null;

  // 0. Calibration: what this machine gives a bare Fastify route right now (other load on the 2 cores shows here).
  if (phase('calibration')) {
    let announce;
    const announced = new Promise((resolve) => (announce = resolve));
    const bare = spawnNode('bare fastify', join(ROOT, 'scripts', 'bench', 'bare-fastify.mjs'), [], process.env, {
      onLine: (line) => {
        const match = /^port (\d+)$/.exec(line);
        if (match) announce(Number(match[1]));
      },
    });
    const port = await Promise.race([announced, bare.unexpectedExit.then((why) => Promise.reject(new Error(`${why}: ${bare.tail.join('\n')}`)))]);
    const job = { kind: 'reads', baseUrl: `http://127.0.0.1:${port}`, connections: CONNECTIONS, path: '/board' };
    say('calibration: a bare Fastify route serving a cached 100-row board, 1 s warm-up then 5 s…');
    await runLoad({ ...job, seconds: 1 });
    const groups = { 'bare fastify': { pid: bare.pid }, loadgen: { pid: load.pid } };
    const cpuBefore = cpuSnapshot(groups);
    const calibration = await runLoad({ ...job, seconds: 5 });
    const cpu = cpuUsage(cpuBefore, cpuSnapshot(groups));
    await stopChild(bare);
    calibrationPerSecond = calibration.perSecond;
    rows.push({ figure: 'calibration: bare Fastify, cached 100-row board', measured: `${num(calibration.perSecond)}/s`, target: '(≈ 40 000/s on an idle box)', ok: null });
    details.push(
      `calibration: ${num(calibration.requests)} in ${calibration.seconds} s, p99 ${ms(calibration.p99)}; CPU: ${cpuLine(cpu)};` +
        ` per request: ${ms((cpu['bare fastify'] * 10) / calibration.perSecond)} of CPU`,
    );
  }

  // The first minutes of a contest (issue 12), on an event of its own: see scripts/bench/storm.mjs.
  if (phase('storm')) {
    const storm = await runStorm({ api, apps, db, env, runLoad, cpuGroups, calibration: calibrationPerSecond, profiled });
    rows.push(...storm.rows);
    details.push(...storm.details);
  }

  // 1. Flag attempts.
  if (phase('attempts')) {
    const attemptJob = {
      kind: 'attempts',
      baseUrl: apps.baseUrl,
      slug: MAIN.slug,
      connections: CONNECTIONS,
      players: attackers.map((player) => ({ auth: player.auth })),
      challenges: mainEvent.challenges.map((challenge, index) => ({ id: challenge.id, flag: challenge.flag, correct: index >= CORRECT_FROM })),
    };
    say(`attempts: 3 s warm-up, then ${SECONDS} s at ${CONNECTIONS} connections…`);
    await runLoad({ ...attemptJob, seconds: 3 });
    const verdictsBefore = await verdicts(db, mainEvent.eventId);
    const cpuBefore = cpuSnapshot(cpuGroups());
    const stopSampling = sampleActivity(db);
    const attempts = await profiled('attempts', () => runLoad({ ...attemptJob, seconds: SECONDS }));
    const activity = await stopSampling();
    const cpu = cpuUsage(cpuBefore, cpuSnapshot(cpuGroups()));
    const verdictCounts = diff(await verdicts(db, mainEvent.eventId), verdictsBefore);
    const failures = attempts.non2xx + attempts.errors + attempts.timeouts;
    say(`attempts: ${num(attempts.perSecond)}/s, p50 ${ms(attempts.p50)}, p99 ${ms(attempts.p99)}, non-2xx ${attempts.non2xx}`);
    rows.push(
      { figure: `flag attempts/s (${CONNECTIONS} connections)`, measured: `${num(attempts.perSecond)}/s`, target: '≥ 3 000/s', ok: attempts.perSecond >= 3000 },
      { figure: 'flag attempt latency p50', measured: ms(attempts.p50), target: '', ok: null },
      { figure: 'flag attempt latency p99', measured: ms(attempts.p99), target: '< 50 ms', ok: attempts.p99 < 50 },
      { figure: 'flag attempts non-2xx / errors', measured: num(failures), target: '0', ok: failures === 0 },
    );
    details.push(
      `attempts: ${num(attempts.requests)} in ${attempts.seconds} s; p90 ${ms(attempts.p90)}, max ${ms(attempts.max)}; status ${JSON.stringify(attempts.statusCodes)};` +
        ` verdicts ${JSON.stringify(verdictCounts)}`,
      `  CPU (% of one core; the machine has 2): ${cpuLine(cpu)};` +
        ` per attempt: api ${ms((cpu.api * 10) / attempts.perSecond)}, postgres ${ms((cpu.postgres * 10) / attempts.perSecond)} of CPU`,
      `  PostgreSQL backends (pg_stat_activity every 20 ms; ${num(activity.activeBackends, 1)} active on average):`,
      ...activity.lines,
    );
    await sleep(1500); // the recomputes the solves queued
  }

  // 2. Leaderboard reads.
  if (phase('reads')) {
    const readJob = { kind: 'reads', baseUrl: apps.baseUrl, slug: MAIN.slug, connections: CONNECTIONS, path: `/api/v1/events/${MAIN.slug}/leaderboard` };
    say(`reads: 2 s warm-up, then ${SECONDS} s at ${CONNECTIONS} connections…`);
    await runLoad({ ...readJob, seconds: 2 });
    const cpuBefore = cpuSnapshot(cpuGroups());
    const reads = await profiled('reads', () => runLoad({ ...readJob, seconds: SECONDS }));
    const cpu = cpuUsage(cpuBefore, cpuSnapshot(cpuGroups()));
    say(`reads: ${num(reads.perSecond)}/s, p99 ${ms(reads.p99)}, non-2xx ${reads.non2xx}`);
    rows.push(
      { figure: `leaderboard reads/s (${CONNECTIONS} connections)`, measured: `${num(reads.perSecond)}/s`, target: '≥ 15 000/s', ok: reads.perSecond >= 15000 },
      { figure: 'leaderboard read latency p99', measured: ms(reads.p99), target: '', ok: null },
    );
    details.push(
      `reads: ${num(reads.requests)} in ${reads.seconds} s; p50 ${ms(reads.p50)}, max ${ms(reads.max)}; ${num(reads.bytesPerResponse)} bytes a response;` +
        ` status ${JSON.stringify(reads.statusCodes)}, errors ${reads.errors + reads.timeouts}`,
      `  CPU: ${cpuLine(cpu)}; per read: api ${ms((cpu.api * 10) / reads.perSecond)} of CPU`,
    );
  }
  await stopChild(load);

  // 3. Solve → SSE.
  if (phase('sse')) {
    const sse = await measureSse({
      api,
      apps,
      db,
      mainEvent,
      ssePlayer,
      workerTimes,
      profiled,
      redisUrl: services.redisUrl,
      cpuGroups: () => ({ ...cpuGroups(), loadgen: undefined }),
    });
    rows.push(
      { figure: `solve → SSE client p50 (${num(sse.connected)} clients)`, measured: ms(sse.p50), target: '', ok: null },
      {
        figure: `solve → SSE client p99 (${num(sse.connected)} clients)`,
        measured: ms(sse.p99),
        target: '< 1 000 ms',
        ok: sse.p99 !== null && sse.p99 < 1000 && sse.missing === 0,
      },
    );
    details.push(
      `sse: ${num(sse.connected)} connected in ${ms(sse.openMs)} (${sse.failed} failed); ${sse.solves} solves ${SSE_SOLVE_EVERY_MS} ms apart;` +
        ` ${num(sse.pairs)} client × solve deliveries, ${sse.missing} never delivered, ${sse.dropped} clients dropped by the server; max ${ms(sse.max)}`,
      `  board versions published: ${sse.versions} (${sse.recomputes} by the worker, median ${ms(sse.recomputeMedian)}; the rest by the api's own rebuilds);` +
        ` boards received per client: ${num(sse.boardsPerClient, 1)} (${num(sse.bytesPerClient / 1024)} KiB)`,
      `  CPU: ${cpuLine(sse.cpu)}`,
      `  PostgreSQL per solve with ${num(sse.connected)} clients connected (api and worker, ${num(sse.solveProbe.perRequest)} statements):`,
      ...sse.solveProbe.lines,
    );
  }

  // 4. Statement probe: what one wrong attempt and one board read run in PostgreSQL.
  if (phase('probe')) {
    say(`probe: ${PROBE_REQUESTS} wrong attempts and ${PROBE_REQUESTS} board reads with statement logging…`);
    // Steady state, as under load: every player and the two challenges were seen within the caches' second.
    const probeAttempt = async (index) => {
      const player = attackers[index % ATTACKERS];
      const challenge = mainEvent.challenges[index % 2];
      const reply = await api('POST', `/events/${MAIN.slug}/challenges/${challenge.id}/attempts`, { auth: player.auth, body: { submission: `ACS{probe-${index}}` } });
      if (reply.status !== 200 || reply.body.status !== 'incorrect') throw new Error(`probe attempt answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    };
    const attemptProbe = describeStatements(
      await captureStatements(
        db,
        async () => {
          for (let index = 0; index < PROBE_REQUESTS; index += 1) await probeAttempt(index);
        },
        async () => {
          for (let index = 0; index < ATTACKERS; index += 1) await probeAttempt(index);
        },
      ),
      PROBE_REQUESTS,
    );
    const readProbe = describeStatements(
      await captureStatements(
        db,
        async () => {
          for (let index = 0; index < PROBE_REQUESTS; index += 1) await api('GET', `/events/${MAIN.slug}/leaderboard`);
        },
        () => api('GET', `/events/${MAIN.slug}/leaderboard`),
      ),
      PROBE_REQUESTS,
    );
    details.push(
      `probe: PostgreSQL per wrong attempt (warm caches, sequential): ${num(attemptProbe.perRequest, 1)} statements, ${ms(attemptProbe.msPerRequest)} of server time:`,
      ...attemptProbe.lines,
      `probe: PostgreSQL per board read: ${num(readProbe.perRequest, 2)} statements${readProbe.lines.length ? ':' : ''}`,
      ...readProbe.lines,
    );
  }

  // 5. Recompute.
  if (phase('recompute')) {
    const recompute = await measureRecompute({ db, services, workerTimes });
    for (const size of recompute) {
      const target = size.teams === 20_000 && size.solves === 400_000;
      rows.push({
        figure: `full recompute ${num(size.teams)} teams / ${num(size.solves)} solves`,
        measured: `${ms(size.medianMs)} (worker ${ms(size.workerMedianMs)})`,
        target: target ? '< 500 ms' : '',
        ok: target ? size.medianMs < 500 : null,
      });
      details.push(
        `recompute ${num(size.teams)} / ${num(size.solves)} (median of ${RECOMPUTE_RUNS} after a warm-up): enqueue → publish ${size.runs.map((run) => ms(run.publishMs)).join(', ')};` +
          ` worker-reported ${size.runs.map((run) => ms(run.workerMs)).join(', ')}; CTF feeds published after the board ${size.runs.map((run) => ms(run.feedsMs)).join(', ')}` +
          ` (seeded in ${ms(size.seedMs)})`,
      );
    }
    if (recompute.probe) {
      details.push(`  PostgreSQL during one recompute of ${num(recompute.probe.teams)} teams (its statements, server time each):`, ...recompute.probe.lines);
    }
  }

  const load1 = (values) => values.map((value) => value.toFixed(1)).join(' ');
  console.log(
    `\nArena bench (${new Date().toISOString()}; ${cpus().length} cores; node ${process.version}; ${env.API_WORKERS} api process(es); PostgreSQL 17 with fsync off;` +
      ` machine load average ${load1(loadAtStart)} before the run, ${load1(loadavg())} after)\n`,
  );
  console.log(table(rows));
  console.log(`\n${[...details, ...profiles].join('\n')}\n`);
  say(`done in ${((Date.now() - startedAt) / 1000).toFixed(0)} s; stopping everything…`);
}

async function measureSse({ api, apps, db, mainEvent, ssePlayer, workerTimes, profiled, cpuGroups, redisUrl }) {
  const redis = new Redis(redisUrl);
  onCleanup(() => redis.quit().catch(() => redis.disconnect()));
  const versionKey = `bench:board-version:${mainEvent.eventId}`;
  const clients = spawnNode('sse clients', join(ROOT, 'scripts', 'bench', 'sse-clients.mjs'), [], process.env, { ipc: true });
  say(`sse: opening ${num(SSE_CLIENTS)} stream clients…`);
  const opened = await ask(clients, {
    cmd: 'open',
    url: `${apps.baseUrl}/api/v1/events/${MAIN.slug}/leaderboard/stream`,
    count: SSE_CLIENTS,
    teamId: ssePlayer.teamId,
    concurrency: 50,
  });
  if (opened.connected === 0) throw new Error(`no SSE client connected: ${JSON.stringify(opened.errors)}`);
  const board = await api('GET', `/events/${MAIN.slug}/leaderboard?limit=5`);
  const baseline = board.body.rows.find((row) => row.teamId === ssePlayer.teamId)?.score;
  if (baseline === undefined) throw new Error('the SSE team is not at the top of the board');
  say(`sse: ${opened.connected} connected in ${ms(opened.ms)} (first boards show ${JSON.stringify(opened.scores)}); ${SSE_SOLVES} solves…`);
  const solves = [];
  let expected = baseline;
  const groups = () => ({ ...Object.fromEntries(Object.entries(cpuGroups()).filter(([, group]) => group)), 'sse clients': { pid: clients.pid } });
  const cpuBefore = cpuSnapshot(groups());
  const versionBefore = Number(await redis.get(versionKey));
  const firstSolveAt = now();
  const waited = await profiled('sse', async () => {
    for (let index = 0; index < SSE_SOLVES; index += 1) {
      const wait = firstSolveAt + index * SSE_SOLVE_EVERY_MS - now();
      if (wait > 0) await sleep(wait);
      const challenge = mainEvent.challenges[index % mainEvent.challenges.length];
      const reply = await api('POST', `/events/${MAIN.slug}/challenges/${challenge.id}/attempts`, {
        auth: ssePlayer.auth,
        body: { submission: challenge.flag },
      });
      if (reply.status !== 200 || reply.body.status !== 'correct') throw new Error(`SSE solve ${index}: ${reply.status} ${JSON.stringify(reply.body)}`);
      expected += reply.body.value;
      solves.push({ at: reply.at, score: expected });
    }
    return ask(clients, { cmd: 'wait', score: expected, timeoutMs: 10_000 });
  });
  const cpu = cpuUsage(cpuBefore, cpuSnapshot(groups()));
  const versions = Number(await redis.get(versionKey)) - versionBefore;
  // What one solve costs PostgreSQL with every client connected (api and worker; after the measured solves).
  const PROBE_SOLVES = 2;
  const solveProbe = describeStatements(
    await captureStatements(db, async () => {
      for (let index = SSE_SOLVES; index < SSE_SOLVES + PROBE_SOLVES; index += 1) {
        const challenge = mainEvent.challenges[index % mainEvent.challenges.length];
        const reply = await api('POST', `/events/${MAIN.slug}/challenges/${challenge.id}/attempts`, { auth: ssePlayer.auth, body: { submission: challenge.flag } });
        if (reply.status !== 200) throw new Error(`SSE probe solve: ${reply.status} ${JSON.stringify(reply.body)}`);
        expected += reply.body.value ?? 0;
        await ask(clients, { cmd: 'wait', score: expected, timeoutMs: 10_000 });
      }
    }),
    PROBE_SOLVES,
  );
  const results = await ask(clients, { cmd: 'close' });
  await stopChild(clients);
  const latencies = [];
  let missing = 0;
  for (const received of results.clients) {
    for (const solve of solves) {
      const hit = received.find(([, score]) => score >= solve.score);
      if (hit) latencies.push(Math.max(0, hit[0] - solve.at));
      else missing += 1;
    }
  }
  const recomputes = workerTimes.filter((entry) => entry.eventId === mainEvent.eventId && entry.at >= firstSolveAt).map((entry) => entry.ms);
  const p99 = percentile(latencies, 99);
  say(`sse: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(p99)}; ${waited.missing} clients never saw the last solve`);
  return {
    connected: opened.connected,
    failed: opened.failed,
    openMs: opened.ms,
    solves: solves.length,
    pairs: latencies.length + missing,
    missing,
    dropped: results.dropped,
    boardsPerClient: results.boards / Math.max(1, opened.connected),
    bytesPerClient: results.bytes / Math.max(1, opened.connected),
    p50: percentile(latencies, 50),
    p99,
    max: percentile(latencies, 100),
    cpu,
    recomputes: recomputes.length,
    versions,
    solveProbe,
    recomputeMedian: median(recomputes),
  };
}

async function measureRecompute({ db, services, workerTimes }) {
  const redisUrl = new URL(services.redisUrl);
  const connection = { host: redisUrl.hostname, port: Number(redisUrl.port), maxRetriesPerRequest: null };
  const queue = new Queue('leaderboards', { connection, prefix: 'bench' });
  onCleanup(() => queue.close());
  const subscriber = new Redis(connection);
  onCleanup(() => subscriber.quit().catch(() => subscriber.disconnect()));
  const published = new Map(); // eventId → resolve (boards)
  const feedsPublished = new Map(); // eventId → resolve (the CTF feeds, published after the boards)
  subscriber.on('message', (channel, message) => {
    const eventId = channel.slice('bench:leaderboard:'.length);
    (String(message).startsWith('feeds:') ? feedsPublished : published).get(eventId)?.(now());
  });
  const recomputeOnce = async (eventId, tag) => {
    const done = new Promise((resolve) => published.set(eventId, resolve));
    const feedsDone = new Promise((resolve) => feedsPublished.set(eventId, resolve));
    const seen = workerTimes.length;
    const started = now();
    await queue.add('recompute', { eventId }, { jobId: `bench_${tag}` });
    const timeout = sleep(120_000).then(() => null);
    const at = await Promise.race([done, timeout]);
    published.delete(eventId);
    if (at === null) throw new Error(`no recompute of ${eventId} was published within 120 s`);
    // The feeds follow: waited for (not timed as the board), so the next run does not overlap them.
    const feedsAt = await Promise.race([feedsDone, sleep(120_000).then(() => null)]);
    feedsPublished.delete(eventId);
    // The worker logs its own figure right after it publishes.
    for (let waited = 0; waited < 2000 && !workerTimes.slice(seen).some((entry) => entry.eventId === eventId); waited += 20) await sleep(20);
    const logged = workerTimes.slice(seen).find((entry) => entry.eventId === eventId);
    return { publishMs: at - started, workerMs: logged?.ms ?? null, feedsMs: feedsAt === null ? null : feedsAt - at };
  };
  const sizes = [];
  let biggest = null;
  for (const [index, size] of RECOMPUTE_SIZES.entries()) {
    const slug = `bench-r${index}-${size.teams}`;
    say(`recompute: seeding ${num(size.teams)} teams / ${num(size.solves)} solves…`);
    const event = await seedCtf(db, { slug, teams: size.teams, solves: size.solves, challenges: 50 });
    await subscriber.subscribe(`bench:leaderboard:${event.eventId}`);
    await recomputeOnce(event.eventId, `${slug}_warm`);
    const runs = [];
    for (let run = 0; run < RECOMPUTE_RUNS; run += 1) runs.push(await recomputeOnce(event.eventId, `${slug}_${run}`));
    const medianMs = median(runs.map((run) => run.publishMs));
    const workerMedianMs = median(runs.map((run) => run.workerMs).filter((value) => value !== null));
    say(`recompute ${num(size.teams)} / ${num(size.solves)}: enqueue → publish ${runs.map((run) => ms(run.publishMs)).join(', ')}`);
    sizes.push({ ...size, runs, medianMs, workerMedianMs, seedMs: event.ms });
    if (!biggest || size.teams > biggest.teams) biggest = { ...size, eventId: event.eventId, slug };
  }
  if (biggest) {
    const statements = await captureStatements(db, () => recomputeOnce(biggest.eventId, `${biggest.slug}_probe`));
    sizes.probe = { teams: biggest.teams, ...describeStatements(statements, 1) };
  }
  return sizes;
}

runGuarded(main);
