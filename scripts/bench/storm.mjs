// The `storm` phase of npm run bench: the first minutes of a contest (issue 12), all through the real HTTP API.
// The platform admin makes a fresh running CTF with a public board, 10 dynamic challenges and an 11th for the race;
// then, in order:
//   1. registration: N players (1 000) register, 32 at once, each registering for the event and making its own team;
//   2. flag storm, 64 connections: per challenge, each player sends a wrong flag then the right one (the connections
//      take (player, challenge) pairs from one queue: every player on challenge 1 first, then 2…); at the same time
//      the sign-in storm (N logins spread evenly over 60 s, started with the flag storm and going on after it) and
//      1 000 SSE clients on the public stream, which time solve → board for the first solves of 16 teams;
//   3. race: 200 players send 3 right flags at once for the 11th challenge;
//   4. board reads: 20 000 anonymous GETs of the top 100, 64 connections;
//   5. challenge lists: 5 000 signed-in GETs spread over the players' tokens, 64 connections; sampled answers are
//      checked against the database (solves, values, solvedByMe, attemptsLeft).
// Players' actions go through the API only; SQL only reads, to check results.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../local-services.mjs';
import { sampleActivity } from './pg-probes.mjs';
import { checkLists, checkStorm, LIST_SAMPLES, stormChallenge } from './storm-checks.mjs';
import { ms, num, percentile } from './report.mjs';
import { cpuSnapshot, cpuUsage, say, spawnNode, stopChild } from './stack.mjs';

const intEnv = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const PLAYERS = intEnv('BENCH_STORM_PLAYERS', 1000);
const LOGIN_SECONDS = intEnv('BENCH_STORM_LOGIN_SECONDS', 60);
const SSE_CLIENTS = intEnv('BENCH_SSE_CLIENTS', 1000);
const CHALLENGES = 10;
const REGISTER_CONCURRENCY = 32;
const CONNECTIONS = 64;
const RACERS = Math.min(200, PLAYERS);
const RACE_FLAGS = 3;
const BOARD_READS = 20_000;
const LIST_READS = 5_000;
const TRACKED = 16;
const SLUG = 'bench-storm';
const PASSWORD = 'storm-password-123';

/** The child's replies in order, whether or not someone waits yet (the storm answers twice). */
function inbox(child) {
  const queue = [];
  const waiting = [];
  child.on('message', (message) => (waiting.length > 0 ? waiting.shift()(message) : queue.push(message)));
  return async () => {
    const message =
      queue.length > 0 ? queue.shift() : await Promise.race([new Promise((resolve) => waiting.push(resolve)), child.unexpectedExit.then((why) => ({ ok: false, error: why }))]);
    if (message.ok === false) throw new Error(`${child.benchName}: ${message.error}`);
    return message;
  };
}

async function makeEvent(api, env) {
  const login = await api('POST', '/auth/login', { body: { email: env.ARENA_ADMIN_EMAIL, password: env.ARENA_ADMIN_PASSWORD } });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
  const auth = `Bearer ${login.body.accessToken}`;
  const hour = 3_600_000;
  const event = await api('POST', '/events', {
    auth,
    body: {
      slug: SLUG,
      title: 'Bench storm',
      kind: 'ctf',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 24 * hour).toISOString(),
      teams: { minSize: 1, maxSize: 4, lockAtStart: false },
      leaderboardVisibility: 'public',
    },
  });
  if (event.status !== 201) throw new Error(`create event: ${event.status} ${JSON.stringify(event.body)}`);
  const challenges = [];
  for (let index = 0; index <= CHALLENGES; index += 1) {
    const { name, flag, ...body } = stormChallenge(index);
    const made = await api('POST', `/events/${SLUG}/challenges`, { auth, body: { name, ...body, flags: [{ type: 'static', content: flag }] } });
    if (made.status !== 201) throw new Error(`create challenge ${name}: ${made.status} ${JSON.stringify(made.body)}`);
    challenges.push({ id: made.body.id, flag });
  }
  return { eventId: event.body.id, challenges: challenges.slice(0, CHALLENGES), race: challenges[CHALLENGES] };
}

async function openSse(apps, tracked) {
  const clients = spawnNode('storm sse clients', join(ROOT, 'scripts', 'bench', 'sse-clients.mjs'), [], process.env, { ipc: true });
  const replies = inbox(clients);
  clients.send({ cmd: 'open', url: `${apps.baseUrl}/api/v1/events/${SLUG}/leaderboard/stream?limit=100`, count: SSE_CLIENTS, concurrency: 50, track: tracked });
  const opened = await replies();
  if (opened.connected === 0) throw new Error(`no SSE client connected: ${JSON.stringify(opened.errors)}`);
  return { clients, replies, opened };
}

/** Waits (60 s at most) until the public top 100 shows every tracked solve: boards can lag far behind a storm. */
async function boardShows(api, solves) {
  const last = new Map();
  for (const solve of solves) last.set(solve.team_id, Math.max(last.get(solve.team_id) ?? 0, solve.ms));
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(500)) {
    const board = await api('GET', `/events/${SLUG}/leaderboard?limit=100`);
    const shown = new Map((board.body?.rows ?? []).map((row) => [row.teamId, Date.parse(row.lastScoredAt ?? 0)]));
    if ([...last].every(([teamId, ms]) => (shown.get(teamId) ?? 0) >= ms)) break;
  }
  await sleep(1000); // the stream's clients get that board after the read does
}

async function stormAndSignIn({ api, apps, db, cpuGroups, next, players, child, event, profiled }) {
  const tracked = players.slice(0, TRACKED).map((player) => player.teamId); // first on every challenge: on the top 100
  say(`storm: opening ${num(SSE_CLIENTS)} SSE clients on the public board (top 100)…`);
  const sse = await openSse(apps, tracked);
  const groups = () => ({ ...cpuGroups(), 'storm players': { pid: child.pid }, 'sse clients': { pid: sse.clients.pid } });
  say(`storm: ${sse.opened.connected} SSE clients connected; flag storm (${num(PLAYERS * CHALLENGES * 2)} attempts) and ${num(PLAYERS)} logins over ${LOGIN_SECONDS} s…`);
  const cpuBefore = cpuSnapshot(groups());
  child.send({
    cmd: 'storm',
    baseUrl: apps.baseUrl,
    slug: SLUG,
    connections: CONNECTIONS,
    players: players.map(({ auth, refreshToken, teamId }) => ({ auth, refreshToken, teamId })),
    challenges: event.challenges,
    tracked,
    logins: { emails: players.map((player) => player.email), password: PASSWORD, seconds: LOGIN_SECONDS },
  });
  // Under BENCH_PROFILE, the api's CPU profile covers the flag storm (with the sign-ins and streams it overlaps).
  // Every 100 ms: each sample costs PostgreSQL about a millisecond.
  const stopSampling = sampleActivity(db, 100);
  const flags = await profiled('storm', () => next());
  const cpu = cpuUsage(cpuBefore, cpuSnapshot(groups()));
  const activity = await stopSampling();
  say(`storm: flag storm done in ${flags.seconds.toFixed(1)} s; waiting for the logins…`);
  const logins = await next();
  const { rows } = await db.query(`SELECT team_id, challenge_id, floor(extract(epoch FROM created_at) * 1000)::float8 AS ms FROM solves WHERE team_id = ANY($1::uuid[])`, [
    tracked,
  ]);
  const scored = new Map(rows.map((row) => [`${row.team_id}/${row.challenge_id}`, row.ms]));
  await boardShows(api, rows);
  const solves = flags.solvedAt.map((solve) => ({ teamId: solve.teamId, respondedAt: solve.at, scoredAtMs: scored.get(`${solve.teamId}/${solve.challengeId}`) ?? Infinity }));
  sse.clients.send({ cmd: 'close', solves });
  const delivered = await sse.replies();
  await stopChild(sse.clients);
  return { flags, logins, cpu, activity, sse: { ...delivered, connected: sse.opened.connected, failed: sse.opened.failed, solves: solves.length } };
}

async function race({ apps, next, child, event, players }) {
  child.send({ cmd: 'race', baseUrl: apps.baseUrl, slug: SLUG, players: players.slice(0, RACERS).map(({ auth }) => ({ auth })), challenge: event.race, perPlayer: RACE_FLAGS });
  return next();
}

async function reads({ apps, runLoad, players, profiled, cpuGroups }) {
  say(`storm: ${num(BOARD_READS)} anonymous board reads (top 100) and ${num(LIST_READS)} signed-in challenge lists…`);
  const board = await runLoad({ kind: 'reads', baseUrl: apps.baseUrl, connections: CONNECTIONS, amount: BOARD_READS, path: `/api/v1/events/${SLUG}/leaderboard?limit=100` });
  const cpuBefore = cpuSnapshot(cpuGroups());
  const lists = await profiled('lists', () =>
    runLoad({
      kind: 'lists',
      baseUrl: apps.baseUrl,
      connections: CONNECTIONS,
      amount: LIST_READS,
      path: `/api/v1/events/${SLUG}/challenges`,
      players: players.map(({ auth, teamId }) => ({ auth, teamId })),
      sampleEvery: Math.floor(LIST_READS / LIST_SAMPLES),
    }),
  );
  return { board, lists: { ...lists, cpu: cpuUsage(cpuBefore, cpuSnapshot(cpuGroups())) } };
}

/** Runs the storm; answers the table rows and detail lines (percentages of `calibration`, the bare-Fastify req/s). */
export async function runStorm({ api, apps, db, env, runLoad, cpuGroups, calibration, profiled }) {
  const child = spawnNode('storm players', join(ROOT, 'scripts', 'bench', 'storm-players.mjs'), [], process.env, { ipc: true });
  const next = inbox(child);
  const event = await makeEvent(api, env);
  say(`storm: ${SLUG} made by the admin through the api; ${num(PLAYERS)} players register, ${REGISTER_CONCURRENCY} at once…`);
  child.send({ cmd: 'register', baseUrl: apps.baseUrl, slug: SLUG, count: PLAYERS, concurrency: REGISTER_CONCURRENCY, password: PASSWORD, emailPrefix: 'storm' });
  const registration = await next();
  if (registration.players.length !== PLAYERS) {
    throw new Error(
      `only ${registration.players.length} of ${PLAYERS} players registered with a team: ${JSON.stringify(registration.statuses)} ${registration.refusals.join(' | ')}`,
    );
  }
  say(`storm: ${num(PLAYERS)} registered in ${registration.seconds.toFixed(1)} s`);
  const players = registration.players;
  const storm = await stormAndSignIn({ api, apps, db, cpuGroups, next, players, child, event, profiled });
  // The sign-in storm can outlive the first access tokens (15 min): every player renews its token first, with the
  // refresh token of its login (of its registration when the login failed), as the web UI does.
  child.send({
    cmd: 'refresh',
    baseUrl: apps.baseUrl,
    concurrency: REGISTER_CONCURRENCY,
    players: players.map(({ email, refreshToken }) => ({ email, refreshToken: storm.logins.tokens[email]?.refreshToken ?? refreshToken })),
  });
  const renewed = await next();
  const signedIn = players.map((player) => ({ ...player, auth: renewed.tokens[player.email] ?? storm.logins.tokens[player.email]?.auth ?? player.auth }));
  say('storm: race…');
  const raced = await race({ apps, next, child, event, players: signedIn });
  await stopChild(child);
  await sleep(1000);
  const { board, lists } = await reads({ apps, runLoad, players: signedIn, profiled, cpuGroups });
  const checks = await checkStorm(db, { eventId: event.eventId, race: event.race, racers: RACERS, players: PLAYERS, challenges: CHALLENGES });
  const listCheck = await checkLists(db, { event, samples: lists.samples });
  return report({ registration, storm, renewed, raced, board, lists, checks, listCheck, calibration });
}

const pctOf = (calibration, perSecond) => (calibration ? (perSecond / calibration) * 100 : null);
const pctText = (pct) => (pct === null ? '' : ` = ${pct.toFixed(1)}%`);

function report({ registration, storm, renewed, raced, board, lists, checks, listCheck, calibration }) {
  const { flags, logins, sse, cpu } = storm;
  const attempts = flags.latencies.length;
  const flagRate = attempts / flags.seconds;
  const flagPct = pctOf(calibration, flagRate);
  const flagP99 = percentile(flags.latencies, 99);
  const flagFailures = attempts - (flags.statuses[200] ?? 0);
  const expectedVerdicts = (flags.verdicts.correct ?? 0) === PLAYERS * CHALLENGES && (flags.verdicts.incorrect ?? 0) === PLAYERS * CHALLENGES;
  const loginP99 = percentile(logins.latencies, 99);
  const loginFailures = logins.latencies.length - (logins.statuses[200] ?? 0);
  const sseP99 = percentile(sse.latencies, 99);
  const boardPct = pctOf(calibration, board.perSecond);
  const listPct = pctOf(calibration, lists.perSecond);
  const raceOk = checks.raceSolves === RACERS && (raced.verdicts.correct ?? 0) === RACERS;
  const rows = [
    { figure: `storm: registrations/s (${REGISTER_CONCURRENCY} at once)`, measured: `${num(registration.players.length / registration.seconds, 1)}/s`, target: '', ok: null },
    {
      figure: 'storm: POST /auth/register p50 / p99',
      measured: `${ms(percentile(registration.registerMs, 50))} / ${ms(percentile(registration.registerMs, 99))}`,
      target: '',
      ok: null,
    },
    {
      figure: `storm: flag storm attempts/s (${CONNECTIONS} connections)`,
      measured: `${num(flagRate)}/s${pctText(flagPct)}`,
      target: '≥ 13% of calibration',
      ok: flagPct === null ? null : flagPct >= 13,
    },
    { figure: 'storm: flag storm p50 / p99', measured: `${ms(percentile(flags.latencies, 50))} / ${ms(flagP99)}`, target: 'p99 < 100 ms', ok: flagP99 < 100 },
    {
      figure: 'storm: flag storm verdicts (correct / incorrect / non-200)',
      measured: `${num(flags.verdicts.correct ?? 0)} / ${num(flags.verdicts.incorrect ?? 0)} / ${flagFailures}`,
      target: `${num(PLAYERS * CHALLENGES)} / ${num(PLAYERS * CHALLENGES)} / 0`,
      ok: expectedVerdicts && flagFailures === 0,
    },
    {
      figure: `storm: sign-in p50 / p99 (${num(PLAYERS)} over ${LOGIN_SECONDS} s)`,
      measured: `${ms(percentile(logins.latencies, 50))} / ${ms(loginP99)}`,
      target: 'p99 < 1 000 ms, all 200',
      ok: loginP99 < 1000 && loginFailures === 0,
    },
    {
      figure: `storm: solve → SSE p50 / p99 (${num(sse.connected)} clients)`,
      measured: `${ms(percentile(sse.latencies, 50))} / ${ms(sseP99)}`,
      target: 'p99 < 1 000 ms',
      ok: sseP99 !== null && sseP99 < 1000 && sse.missing === 0,
    },
    {
      figure: `storm: race (${RACERS} × ${RACE_FLAGS} right flags)`,
      measured: `${checks.raceSolves} solves, ${raced.verdicts.correct ?? 0} correct`,
      target: `exactly ${RACERS}`,
      ok: raceOk,
    },
    {
      figure: 'storm: board reads/s, top 100 (anonymous)',
      measured: `${num(board.perSecond)}/s${pctText(boardPct)}`,
      target: '≥ 30% of calibration',
      ok: boardPct === null ? null : boardPct >= 30,
    },
    {
      figure: 'storm: challenge lists/s (signed in)',
      measured: `${num(lists.perSecond)}/s${pctText(listPct)}`,
      target: '≥ 35% of calibration',
      ok: listPct === null ? null : listPct >= 35,
    },
    {
      figure: 'storm: challenge list p99 / sampled answers right',
      measured: `${ms(lists.p99)} / ${listCheck.right} of ${listCheck.sampled}`,
      target: 'all right',
      ok: listCheck.right === listCheck.sampled && listCheck.sampled > 0,
    },
  ];
  const statusLine = (label, result) =>
    `${label} statuses ${JSON.stringify(result.statuses ?? result.statusCodes)}${result.refusals?.length ? `; e.g. ${result.refusals.join(' | ')}` : ''}`;
  const details = [
    `storm: the bench raises AUTH_RATE_LIMIT_PER_MINUTE (one client address stands for ${num(PLAYERS)} players) and WRITE_RATE_LIMIT_BURST; the wrong-flag brake keeps its default.`,
    `  registration: ${num(registration.players.length)} players in ${registration.seconds.toFixed(1)} s (register + event registration + own team: p50 ${ms(percentile(registration.flowMs, 50))}, p99 ${ms(percentile(registration.flowMs, 99))}); ${statusLine('HTTP', registration)}`,
    `  flag storm: ${num(attempts)} attempts in ${flags.seconds.toFixed(1)} s, challenge by challenge (${CONNECTIONS} connections take player × challenge pairs from one queue, wrong then right);` +
      ` verdicts ${JSON.stringify(flags.verdicts)}; ${statusLine('HTTP', flags)}; ${flags.refreshes} expired tokens refreshed (401, then sent again); database: ${JSON.stringify(checks.verdicts)}, ${num(checks.solves)} solves`,
    `  CPU during the flag storm (% of one core; the sign-in storm and SSE clients run meanwhile): ${Object.entries(cpu)
      .map(([name, value]) => `${name} ${value}%`)
      .join(' · ')}; per attempt: api ${ms((cpu.api * 10) / flagRate)} (the sign-ins' hashes included), postgres ${ms((cpu.postgres * 10) / flagRate)} of CPU`,
    `  PostgreSQL backends during the flag storm (pg_stat_activity every 100 ms; ${num(storm.activity.activeBackends, 1)} active on average):`,
    ...storm.activity.lines,
    `  sign-in storm: started with the flag storm, ${num(logins.latencies.length)} logins in ${logins.seconds.toFixed(1)} s (it ended ${Math.abs((logins.endedAt - flags.endedAt) / 1000).toFixed(1)} s ${logins.endedAt >= flags.endedAt ? 'after' : 'before'} the flag storm), max ${ms(percentile(logins.latencies, 100))}; ${statusLine('HTTP', logins)}`,
    `  solve → SSE: ${num(sse.connected)} clients (${sse.failed} failed to connect, ${sse.dropped} dropped), on /leaderboard/stream?limit=100 (the top 100), connected through the flag storm and the sign-ins; ${sse.solves} first solves of ${TRACKED} teams;` +
      ` ${num(sse.latencies.length)} deliveries, ${sse.missing} never delivered; max ${ms(percentile(sse.latencies, 100))}; ${num(sse.boards / Math.max(1, sse.connected), 1)} boards a client`,
    `  tokens renewed (POST /auth/refresh) after the sign-in storm, before the race and the lists: ${statusLine('HTTP', renewed)}`,
    `  race: ${statusLine('answers', raced)}, verdicts ${JSON.stringify(raced.verdicts)} in ${ms(raced.ms)}; ${checks.raceSolves} solves stored`,
    `  board reads: ${num(board.requests)} in ${board.seconds} s, p50 ${ms(board.p50)}, p99 ${ms(board.p99)}; ${statusLine('HTTP', board)}, errors ${board.errors + board.timeouts}`,
    `  challenge lists: ${num(lists.requests)} in ${lists.seconds} s, p50 ${ms(lists.p50)}, p99 ${ms(lists.p99)}; ${statusLine('HTTP', lists)}, errors ${lists.errors + lists.timeouts};` +
      ` ${listCheck.right} of ${listCheck.sampled} sampled answers match the database${listCheck.problems.length ? `: ${listCheck.problems.slice(0, 3).join(' | ')}` : ''};` +
      ` CPU meanwhile: ${Object.entries(lists.cpu)
        .map(([name, value]) => `${name} ${value}%`)
        .join(' · ')}`,
  ];
  return { rows, details };
}
