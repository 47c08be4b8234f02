// The demo attack-defence game of `npm start`: the three demo teams play the example notes service
// (test/fixtures/ad/notes) on vulnboxes 127.0.0.2–127.0.0.4, one instance each, started here as child processes, with
// ticks of 10 s from now on, so a new user sees statuses and scores move, steals flags with the example exploit and
// submits them over HTTP and TCP.
//   node scripts/ad-demo.mjs start [baseUrl]   sets up and starts the game against a running api (ARENA_ADMIN_EMAIL /
//                                              ARENA_ADMIN_PASSWORD), runs the services until stopped, prints the
//                                              banner lines (AD_TCP_PORT: the api's TCP submission port, for the nc line)
//   node scripts/ad-demo.mjs steal [baseUrl]   as the demo player: the attack info's flag ids, the exploit run against
//                                              the other teams' vulnboxes; prints the stolen flags, one per line
//   node scripts/ad-demo.mjs token [baseUrl]   the demo player's access token (for curl)
// ARENA_AD_DEMO_PORT: the services' port (default 9080: the tests use 8080 on the same loopback hosts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_PLAYER_PASSWORD, DEMO_PLAYERS, demoEvents, ensurePlayer, ensureTeam, zipFiles } from './seed-demo.mjs';

export const AD_DEMO_SLUG = 'acs-final-demo';
export const AD_DEMO_HOSTS = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
export const AD_DEMO_TICK_SECONDS = 10;
/** The demo player whose team the banner's instructions play for. */
export const AD_DEMO_PLAYER = DEMO_PLAYERS[0];

const NOTES = fileURLToPath(new URL('../test/fixtures/ad/notes/', import.meta.url));
export const AD_DEMO_EXPLOIT = fileURLToPath(new URL('../test/fixtures/ad/notes/exploit.py', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const DAY = 24 * 3600_000;

export const adDemoPort = (env = process.env) => Number(env.ARENA_AD_DEMO_PORT || 9080);

// ---------------------------------------------------------------- the services

/** Null when every host can listen on the port; otherwise why not (macOS answers only on 127.0.0.1, say). */
export async function loopbackProblem(hosts = AD_DEMO_HOSTS, port = adDemoPort()) {
  for (const host of hosts) {
    const problem = await new Promise((resolve) => {
      const server = createServer();
      server.once('error', (error) => resolve(`cannot listen on ${host}:${port} (${error.code ?? error.message})`));
      server.listen(port, host, () => server.close(() => resolve(null)));
    });
    if (problem) return problem;
  }
  return null;
}

/**
 * Why the demo game cannot run here, or null: its checkers run in the sandbox (`sandbox`: /health's sandbox detail),
 * and its vulnboxes need the loopback addresses.
 */
export async function adDemoSkipReason({ sandbox, hosts = AD_DEMO_HOSTS, port = adDemoPort() }) {
  if (!sandbox?.ready) return 'its checkers run in the sandbox, which is not ready on this machine (see the sandbox line)';
  const problem = await loopbackProblem(hosts, port);
  return problem ? `its vulnboxes need the loopback addresses ${hosts[0]}–${hosts[hosts.length - 1]}: ${problem}` : null;
}

/** One notes instance per host; resolves once each listens. `onChild` sees each process as it starts (to stop it). */
export async function startNotesServices({ hosts = AD_DEMO_HOSTS, port = adDemoPort(), onChild = () => {} } = {}) {
  const children = [];
  try {
    for (const host of hosts) {
      const child = spawn('python3', [`${NOTES}service.py`, host, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      onChild(child);
      await new Promise((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (chunk) => (err += chunk));
        child.stdout.once('data', () => resolve());
        child.once('error', (error) => reject(new Error(`python3: ${error.message}`)));
        child.once('exit', (code) => reject(new Error(`the notes service on ${host}:${port} exited ${code}: ${err.trim()}`)));
      });
    }
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    throw error;
  }
  return children;
}

// ---------------------------------------------------------------- the API

async function api(baseUrl, method, path, { token, body, form, ok = [200, 201, 204] } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1${path}`, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // keep the text for the error message
  }
  if (!ok.includes(response.status)) throw new Error(`${method} /api/v1${path} failed: ${response.status} ${typeof parsed === 'string' ? parsed : JSON.stringify(parsed)}`);
  return { status: response.status, body: parsed };
}

/** A seed-demo style caller (method, path, options) → { status, body }. */
const caller = (baseUrl) => (method, path, options) => api(baseUrl, method, path, options);

async function login(baseUrl, email, password) {
  return (await api(baseUrl, 'POST', '/auth/login', { body: { email, password } })).body.accessToken;
}

/**
 * The checker archive of the example service (checker.py and its vendored checklib.py). Like most ForcAD checkers it
 * knows its service's port (8080): the demo's is written in.
 */
export function notesCheckerZip(port = adDemoPort()) {
  const checker = readFileSync(`${NOTES}checker/checker.py`, 'utf8').replace(/^PORT = \d+$/m, `PORT = ${Number(port)}`);
  return zipFiles([
    ['checker.py', Buffer.from(checker)],
    ['checklib.py', readFileSync(`${NOTES}checker/checklib.py`)],
  ]);
}

/**
 * Sets the game up and starts it, idempotently: the event (the seed's body when it is missing), the demo players in
 * their three teams, the notes service, the vulnboxes, then startsAt = now when it has not started. A running game is
 * left as it is (a restart of `npm start`). Returns `{ status: 'running' | 'ended', startsAt, tickSeconds, team, token }`.
 */
export async function ensureAdDemo({ baseUrl, adminEmail, adminPassword, hosts = AD_DEMO_HOSTS, port = adDemoPort(), log = () => {} }) {
  const call = caller(baseUrl);
  const admin = await login(baseUrl, adminEmail, adminPassword);
  const body = demoEvents().find((event) => event.slug === AD_DEMO_SLUG);
  const created = await call('POST', '/events', { token: admin, body, ok: [201, 409] });
  if (created.status === 201) log(`created event ${AD_DEMO_SLUG} (ad)`);
  let event = (await call('GET', `/events/${AD_DEMO_SLUG}`)).body;
  const now = Date.now();
  if (new Date(event.endsAt).getTime() <= now) return { status: 'ended', event };
  const running = new Date(event.startsAt).getTime() <= now;

  const teams = new Map();
  let token = null;
  for (const player of DEMO_PLAYERS) {
    const playerToken = await ensurePlayer(call, player, log);
    const registration = await call('POST', `/events/${AD_DEMO_SLUG}/registrations`, { token: playerToken, body: {}, ok: [201, 409] });
    if (registration.status === 201 && registration.body?.status !== 'approved') {
      throw new Error(`registration of ${player.email} for ${AD_DEMO_SLUG} is ${registration.body?.status}, expected approved`);
    }
    const team = await ensureTeam(call, AD_DEMO_SLUG, playerToken, player, teams, false);
    teams.set(team.name, { ...teams.get(team.name), ...team });
    if (player === AD_DEMO_PLAYER) token = playerToken;
  }

  const services = (await call('GET', `/events/${AD_DEMO_SLUG}/ad/services`, { token: admin })).body;
  if (!services.some((service) => service.name === 'notes')) {
    const form = new FormData();
    const fields = { name: 'notes', port: String(port), checkerCommand: 'python3 checker.py', checkerTimeoutSeconds: '3', vulns: '1' };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('checker', new Blob([notesCheckerZip(port)], { type: 'application/zip' }), 'notes-checker.zip');
    await call('POST', `/events/${AD_DEMO_SLUG}/ad/services`, { token: admin, form, ok: [201] });
    log('added the notes service (test/fixtures/ad/notes) with its checker');
  }

  const teamList = (await call('GET', `/events/${AD_DEMO_SLUG}/teams`)).body;
  const teamOrder = [...new Set(DEMO_PLAYERS.map((player) => player.team))];
  const vulnboxes = teamOrder.map((name, index) => ({ teamId: teamList.find((team) => team.name === name).id, host: hosts[index] }));
  await call('PUT', `/events/${AD_DEMO_SLUG}/ad/vulnboxes`, { token: admin, body: { vulnboxes } });

  if (!running) {
    const startsAt = new Date(Date.now() + 2000);
    event = (
      await call('PATCH', `/events/${AD_DEMO_SLUG}`, {
        token: admin,
        body: { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 30 * DAY).toISOString() },
      })
    ).body;
    log(`started the attack-defence game of ${AD_DEMO_SLUG}: ticks of ${event.ad.tickSeconds} s for 30 days`);
  }
  const tokens = (await call('GET', `/events/${AD_DEMO_SLUG}/ad/tokens`, { token })).body;
  return { status: 'running', event, tickSeconds: event.ad.tickSeconds, team: AD_DEMO_PLAYER.team, teamToken: tokens[0].token };
}

/** The banner's lines for the game: where to watch it, how to steal and submit over HTTP and TCP. */
export function adDemoLines({ displayBase, baseUrl = displayBase, game, hosts = AD_DEMO_HOSTS, port = adDemoPort(), tcpPort, tcpHost = '127.0.0.1', cwd = process.cwd() }) {
  const script = relative(cwd, SELF) || SELF;
  const exploit = relative(cwd, AD_DEMO_EXPLOIT) || AD_DEMO_EXPLOIT;
  const steal = `node ${script} steal ${baseUrl}`;
  const lines = [
    '',
    `  A/D game   ${displayBase}/events/${AD_DEMO_SLUG}  (${AD_DEMO_SLUG}: 3 teams, ticks of ${game.tickSeconds} s, vulnboxes ${hosts[0]}–${hosts[hosts.length - 1]} port ${port})`,
    `             you play ${AD_DEMO_PLAYER.email} (team ${game.team}); the exploit: ${exploit}`,
    `             steal:  ${steal}   (the attack info's flag ids, the exploit against the other vulnboxes)`,
    `             HTTP:   curl -s ${baseUrl}/api/v1/events/${AD_DEMO_SLUG}/ad/flags -H "authorization: Bearer $(node ${script} token ${baseUrl})" -H 'content-type: application/json' -d "{\\"flags\\":[\\"$(${steal} | head -1)\\"]}"`,
  ];
  if (tcpPort) lines.push(`             TCP:    { echo ${game.teamToken}; ${steal}; } | nc -q 5 ${tcpHost} ${tcpPort}`);
  else lines.push('             TCP:    off (set AD_TCP_PORT)');
  return lines;
}

// ---------------------------------------------------------------- the player's side

/** The flags the example exploit steals now from every other team, as the demo player sees them in attack info. */
export async function stealFlags(baseUrl) {
  const token = await login(baseUrl, AD_DEMO_PLAYER.email, DEMO_PLAYER_PASSWORD);
  const mine = (await api(baseUrl, 'GET', `/events/${AD_DEMO_SLUG}/teams/me`, { token })).body;
  const services = (await api(baseUrl, 'GET', `/events/${AD_DEMO_SLUG}/ad/services`)).body;
  const info = (await api(baseUrl, 'GET', `/events/${AD_DEMO_SLUG}/ad/attack-info`, { token })).body;
  const flags = [];
  for (const team of info.teams.filter((entry) => entry.teamId !== mine.id)) {
    for (const service of team.services) {
      const port = services.find((entry) => entry.name === service.name)?.port;
      if (!port || service.flagIds.length === 0) continue;
      const ids = service.flagIds.map((entry) => entry.flagId).reverse();
      flags.push(...(await runExploit(team.host, port, ids)));
    }
  }
  return flags;
}

function runExploit(host, port, ids) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [AD_DEMO_EXPLOIT, host, String(port), ...ids], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', () =>
      resolve(
        out
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    );
  });
}

// ---------------------------------------------------------------- command line

async function main() {
  const [command, base] = process.argv.slice(2);
  const baseUrl = (base ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
  if (command === 'steal') {
    const flags = await stealFlags(baseUrl);
    if (flags.length === 0) console.error('no flag stolen yet: wait for a tick');
    for (const flag of flags) console.log(flag);
    return;
  }
  if (command === 'token') {
    console.log(await login(baseUrl, AD_DEMO_PLAYER.email, DEMO_PLAYER_PASSWORD));
    return;
  }
  if (command !== 'start') {
    console.error('usage: node scripts/ad-demo.mjs start|steal|token [baseUrl]');
    process.exit(2);
  }
  const adminEmail = process.env.ARENA_ADMIN_EMAIL;
  const adminPassword = process.env.ARENA_ADMIN_PASSWORD;
  if (!adminEmail || !adminPassword) throw new Error('set ARENA_ADMIN_EMAIL and ARENA_ADMIN_PASSWORD (the admin the api was started with)');
  const problem = await loopbackProblem();
  if (problem) throw new Error(problem);
  const children = await startNotesServices();
  const stop = () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
  const game = await ensureAdDemo({ baseUrl, adminEmail, adminPassword, log: (line) => console.log(`[ad-demo] ${line}`) });
  if (game.status !== 'running') throw new Error(`the demo game of ${AD_DEMO_SLUG} ended`);
  const tcpPort = Number(process.env.AD_TCP_PORT || 0);
  console.log(adDemoLines({ displayBase: baseUrl, game, tcpPort }).join('\n'));
  console.log('[ad-demo] running: Ctrl-C stops the services');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`[ad-demo] ${error.message}`);
    process.exit(1);
  });
}
