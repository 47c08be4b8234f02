// The storm's players: a child process of the bench (never the api's) that drives the issue-12 workload through the
// real HTTP API with node's own http client, one job per message:
//   { cmd: 'register', baseUrl, slug, count, concurrency, password, emailPrefix }
//     → each player: POST /auth/register, POST /events/:slug/registrations, POST /events/:slug/teams (own team)
//   { cmd: 'storm', baseUrl, slug, connections, players: [{ auth, teamId }], challenges: [{ id, flag }], tracked,
//     logins: { emails, password, seconds } }
//     → the flag storm on `connections` keep-alive lanes taking (player, challenge) pairs from one queue, challenge by
//       challenge, each pair a wrong flag then the right one in order, and meanwhile the sign-in storm: one
//       POST /auth/login every seconds/count ms, whatever the answers (open loop). Answers twice: when the flag storm
//       ends ({ type: 'flags', … }), then when every login has answered ({ type: 'logins', … }). An attempt answered
//       401 (the access token expired: slow registrations and sign-ins) refreshes the token and is sent again.
//   { cmd: 'refresh', baseUrl, players: [{ email, refreshToken }], concurrency } → a new access token each.
//   { cmd: 'race', baseUrl, slug, players: [{ auth }], challenge: { id, flag }, perPlayer }
//     → every player's `perPlayer` right flags sent at once.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const now = () => performance.timeOrigin + performance.now();
const TIMEOUT_MS = 1_800_000; // a login queued behind slow password hashes still answers

function client(baseUrl, sockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  const send = (method, path, { body, auth } = {}) =>
    new Promise((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = { ...(payload ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}) };
      const started = now();
      const request = http.request({ host: hostname, port, method, path: `/api/v1${path}`, agent, headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          const at = now();
          resolve({ status: response.statusCode, body: json ?? text, ms: at - started, at });
        });
      });
      request.setTimeout(TIMEOUT_MS, () => request.destroy(new Error('client timeout')));
      request.on('error', (error) => resolve({ status: 0, body: error.code ?? error.message, ms: now() - started, at: now() }));
      request.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

/** Counts answers by status; keeps the first few refusals' bodies for the report. */
function tally() {
  const statuses = {};
  const refusals = [];
  return {
    statuses,
    refusals,
    add(reply, expected) {
      statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      if (reply.status !== expected && refusals.length < 5) refusals.push(`${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    },
  };
}

async function register({ baseUrl, slug, count, concurrency, password, emailPrefix }) {
  const http1 = client(baseUrl, concurrency);
  const players = new Array(count);
  const registerMs = [];
  const flowMs = [];
  const counts = tally();
  let next = 0;
  const started = now();
  const lane = async () => {
    for (let index = next++; index < count; index = next++) {
      const email = `${emailPrefix}${index}@bench.test`;
      const user = await http1.send('POST', '/auth/register', { body: { email, password, displayName: `Storm player ${index}`, country: 'VN' } });
      counts.add(user, 201);
      if (user.status !== 201) continue;
      registerMs.push(user.ms);
      const auth = `Bearer ${user.body.accessToken}`;
      const registration = await http1.send('POST', `/events/${slug}/registrations`, { auth, body: {} });
      counts.add(registration, 201);
      const team = registration.status === 201 ? await http1.send('POST', `/events/${slug}/teams`, { auth, body: { name: `Storm team ${index}` } }) : null;
      if (team) counts.add(team, 201);
      if (team?.status !== 201) continue;
      flowMs.push(team.at - user.at + user.ms);
      players[index] = { email, auth, refreshToken: user.body.refreshToken, userId: user.body.user.id, teamId: team.body.id };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  http1.close();
  return { players: players.filter(Boolean), registerMs, flowMs, seconds: (now() - started) / 1000, statuses: counts.statuses, refusals: counts.refusals };
}

/** A new access token for a player whose token expired (as the web UI does), one refresh at a time per player. */
function refresher(http1) {
  const pending = new Map();
  let count = 0;
  const refresh = (player) => {
    if (!pending.has(player)) {
      count += 1;
      const done = http1.send('POST', '/auth/refresh', { body: { refreshToken: player.refreshToken } }).then((reply) => {
        if (reply.status !== 200) throw new Error(`refresh: ${reply.status} ${JSON.stringify(reply.body)}`);
        player.auth = `Bearer ${reply.body.accessToken}`;
        player.refreshToken = reply.body.refreshToken;
        pending.delete(player);
      });
      pending.set(player, done);
    }
    return pending.get(player);
  };
  return { refresh, count: () => count };
}

async function flagStorm({ baseUrl, slug, connections, players, challenges, tracked }) {
  const http1 = client(baseUrl, connections);
  const tokens = refresher(http1);
  const trackedTeams = new Set(tracked);
  const latencies = [];
  const verdicts = {};
  const counts = tally();
  const solvedAt = []; // { teamId, challengeId, at }: the tracked teams' right answers
  const started = now();
  // One queue, challenge by challenge: a lane takes the next (player, challenge) pair and sends its two flags in order,
  // so no lane falls behind the others (lanes of fixed players would, by a player per challenge).
  const pairs = challenges.flatMap((challenge) => players.map((player, p) => ({ challenge, player, p })));
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < pairs.length; index = next++) {
      const { challenge, player, p } = pairs[index];
      for (const submission of [`ACS{storm-wrong-${p}}`, challenge.flag]) {
        const path = `/events/${slug}/challenges/${challenge.id}/attempts`;
        let reply = await http1.send('POST', path, { auth: player.auth, body: { submission } });
        if (reply.status === 401 && player.refreshToken) {
          await tokens.refresh(player);
          reply = await http1.send('POST', path, { auth: player.auth, body: { submission } });
        }
        latencies.push(reply.ms);
        counts.add(reply, 200);
        if (reply.status !== 200) continue;
        verdicts[reply.body.status] = (verdicts[reply.body.status] ?? 0) + 1;
        if (reply.body.status === 'correct' && trackedTeams.has(player.teamId)) solvedAt.push({ teamId: player.teamId, challengeId: challenge.id, at: reply.at });
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, lane));
  http1.close();
  const ended = now();
  return {
    type: 'flags',
    latencies,
    verdicts,
    statuses: counts.statuses,
    refusals: counts.refusals,
    solvedAt,
    refreshes: tokens.count(),
    startedAt: started,
    endedAt: ended,
    seconds: (ended - started) / 1000,
  };
}

async function signInStorm({ baseUrl, emails, password, seconds }) {
  const http1 = client(baseUrl, emails.length);
  const counts = tally();
  const latencies = [];
  const tokens = {};
  const started = now();
  const logins = emails.map(async (email, index) => {
    const wait = started + (index * seconds * 1000) / emails.length - now();
    if (wait > 0) await sleep(wait);
    const reply = await http1.send('POST', '/auth/login', { body: { email, password } });
    latencies.push(reply.ms);
    counts.add(reply, 200);
    if (reply.status === 200) tokens[email] = { auth: `Bearer ${reply.body.accessToken}`, refreshToken: reply.body.refreshToken };
  });
  await Promise.all(logins);
  http1.close();
  const ended = now();
  return { type: 'logins', latencies, statuses: counts.statuses, refusals: counts.refusals, tokens, startedAt: started, endedAt: ended, seconds: (ended - started) / 1000 };
}

/** Fresh access tokens for every player (POST /auth/refresh, `concurrency` at once): the web UI renews them too. */
async function refreshAll({ baseUrl, players, concurrency }) {
  const http1 = client(baseUrl, concurrency);
  const counts = tally();
  const tokens = {};
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < players.length; index = next++) {
      const { email, refreshToken } = players[index];
      const reply = await http1.send('POST', '/auth/refresh', { body: { refreshToken } });
      counts.add(reply, 200);
      if (reply.status === 200) tokens[email] = `Bearer ${reply.body.accessToken}`;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  http1.close();
  return { tokens, statuses: counts.statuses, refusals: counts.refusals };
}

async function race({ baseUrl, slug, players, challenge, perPlayer }) {
  const http1 = client(baseUrl, players.length * perPlayer);
  const verdicts = {};
  const counts = tally();
  const started = now();
  const sends = players.flatMap((player) =>
    Array.from({ length: perPlayer }, async () => {
      const reply = await http1.send('POST', `/events/${slug}/challenges/${challenge.id}/attempts`, { auth: player.auth, body: { submission: challenge.flag } });
      counts.add(reply, 200);
      if (reply.status === 200) verdicts[reply.body.status] = (verdicts[reply.body.status] ?? 0) + 1;
    }),
  );
  await Promise.all(sends);
  http1.close();
  return { verdicts, statuses: counts.statuses, refusals: counts.refusals, ms: now() - started };
}

process.on('message', async (job) => {
  try {
    if (job.cmd === 'register') process.send({ ok: true, ...(await register(job)) });
    else if (job.cmd === 'race') process.send({ ok: true, ...(await race(job)) });
    else if (job.cmd === 'refresh') process.send({ ok: true, ...(await refreshAll(job)) });
    else if (job.cmd === 'storm') {
      const logins = signInStorm({ baseUrl: job.baseUrl, ...job.logins });
      process.send({ ok: true, ...(await flagStorm(job)) });
      process.send({ ok: true, ...(await logins) });
    } else throw new Error(`unknown job ${job.cmd}`);
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  }
});

process.on('disconnect', () => process.exit(0));
