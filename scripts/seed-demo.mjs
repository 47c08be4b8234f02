// Seeds a demo through the HTTP API only: one event of each kind, a few players, three teams.
// Idempotent-ish: existing users, events, registrations and teams are reused.
//   node scripts/seed-demo.mjs [baseUrl]   (ARENA_ADMIN_EMAIL / ARENA_ADMIN_PASSWORD from the environment)
// `npm start` imports it and runs it on an empty database.
import { pathToFileURL } from 'node:url';

/** Password of every demo player. */
export const DEMO_PLAYER_PASSWORD = 'arena-demo-player';

/** The event whose presence means "the demo is there". */
export const DEMO_MARKER_SLUG = 'acs-prelim-demo';

const ASEAN_AND_KOREA = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'KR'];

/** Demo players; the first of each team creates it (captain), the others join with its invite code. */
export const DEMO_PLAYERS = [
  { email: 'siti@arena.local', displayName: 'Siti Rahman', country: 'MY', team: 'Kopi Overflow' },
  { email: 'budi@arena.local', displayName: 'Budi Santoso', country: 'ID', team: 'Kopi Overflow' },
  { email: 'jiwoo@arena.local', displayName: 'Kim Ji-woo', country: 'KR', team: 'Null Pointers' },
  { email: 'minh@arena.local', displayName: 'Nguyen Van Minh', country: 'VN', team: 'Null Pointers' },
  { email: 'anan@arena.local', displayName: 'Anan Chaiyaporn', country: 'TH', team: 'Mekong Stack' },
  { email: 'maria@arena.local', displayName: 'Maria Santos', country: 'PH', team: 'Mekong Stack' },
];

const DEMO_TEAMS = [
  { name: 'Kopi Overflow', division: 'general' },
  { name: 'Null Pointers', division: 'student' },
  { name: 'Mekong Stack', division: 'general' },
];

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Event bodies for POST /events; windows start a week from now so teams stay unlocked. */
export function demoEvents(now = Date.now()) {
  const at = (offset) => new Date(now + offset).toISOString();
  return [
    {
      slug: 'acs-prelim-demo',
      title: 'ASEAN Cyber Shield — Preliminaries (demo)',
      kind: 'ctf',
      startsAt: at(7 * DAY),
      endsAt: at(7 * DAY + 24 * HOUR),
      freezeAt: at(7 * DAY + 23 * HOUR),
      registration: { closesAt: at(7 * DAY), approval: 'auto', capacity: 500, eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 1, maxSize: 4 },
      divisions: ['general', 'student'],
    },
    {
      slug: 'acs-final-demo',
      title: 'ASEAN Cyber Shield — Final, attack-defence (demo)',
      kind: 'ad',
      startsAt: at(30 * DAY),
      endsAt: at(30 * DAY + 8 * HOUR),
      registration: { approval: 'manual', capacity: 20, eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 2, maxSize: 4 },
      ad: { tickSeconds: 120, flagLifetimeTicks: 5, flagPrefix: 'ACS' },
    },
    {
      slug: 'ai-challenge-demo',
      title: 'Korea–ASEAN AI Development Competition (demo)',
      kind: 'ai',
      startsAt: at(7 * DAY),
      endsAt: at(37 * DAY),
      registration: { approval: 'auto', eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 1, maxSize: 5 },
    },
    {
      slug: 'startup-hackathon-demo',
      title: 'Korea–ASEAN Startup Hackathon (demo)',
      kind: 'hackathon',
      startsAt: at(14 * DAY),
      endsAt: at(16 * DAY),
      registration: { approval: 'manual', capacity: 200, eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 2, maxSize: 5 },
    },
  ];
}

/** A failed API call: names the method, path, status and answer body. */
export class ApiCallError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} failed: ${status} ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.name = 'ApiCallError';
    this.method = method;
    this.path = path;
    this.status = status;
    this.body = body;
  }
}

function client(baseUrl) {
  const root = baseUrl.replace(/\/+$/, '');
  /** Calls the API; returns { status, body }; throws ApiCallError unless the status is in `ok`. */
  return async function call(method, path, { token, body, ok = [200, 201, 204] } = {}) {
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(`${root}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiCallError(method, `/api/v1${path}`, 'no answer', String(error?.cause?.message ?? error?.message ?? error));
    }
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    if (!ok.includes(response.status)) throw new ApiCallError(method, `/api/v1${path}`, response.status, parsed);
    return { status: response.status, body: parsed };
  };
}

/** True when the demo's marker event exists (GET /events/acs-prelim-demo answers 200). */
export async function isDemoSeeded(baseUrl) {
  const { status } = await client(baseUrl)('GET', `/events/${DEMO_MARKER_SLUG}`, { ok: [200, 404] });
  return status === 200;
}

async function login(call, email, password) {
  const { body } = await call('POST', '/auth/login', { body: { email, password } });
  return body.accessToken;
}

async function ensureEvent(call, token, event, log) {
  const created = await call('POST', '/events', { token, body: event, ok: [201, 409] });
  log(created.status === 201 ? `created event ${event.slug} (${event.kind})` : `event ${event.slug} already exists`);
}

async function ensurePlayer(call, player, log) {
  const body = {
    email: player.email,
    password: DEMO_PLAYER_PASSWORD,
    displayName: player.displayName,
    country: player.country,
  };
  const registered = await call('POST', '/auth/register', { body, ok: [201, 409] });
  if (registered.status === 201) {
    log(`registered player ${player.email}`);
    return registered.body.accessToken;
  }
  return login(call, player.email, DEMO_PLAYER_PASSWORD);
}

async function ensureTeam(call, slug, token, player, teamsByName) {
  const mine = await call('GET', `/events/${slug}/teams/me`, { token, ok: [200, 404] });
  if (mine.status === 200) {
    if (mine.body.inviteCode) teamsByName.set(mine.body.name, mine.body);
    return mine.body;
  }
  const existing = teamsByName.get(player.team);
  if (!existing) {
    const division = DEMO_TEAMS.find((team) => team.name === player.team)?.division;
    const { body } = await call('POST', `/events/${slug}/teams`, { token, body: { name: player.team, division } });
    teamsByName.set(body.name, body);
    return body;
  }
  if (!existing.inviteCode) {
    throw new Error(`team ${player.team} exists but its invite code is unknown: cannot add ${player.email}`);
  }
  const { body } = await call('POST', `/events/${slug}/teams/join`, { token, body: { inviteCode: existing.inviteCode } });
  return body;
}

/**
 * Seeds the demo against a running api. Returns the logins to print:
 * `{ admin: { email, password }, players: [{ email, password, displayName, country, team }], events: string[] }`.
 */
export async function seedDemo({ baseUrl, adminEmail, adminPassword, log = () => {} }) {
  if (!baseUrl || !adminEmail || !adminPassword) throw new Error('seedDemo needs baseUrl, adminEmail and adminPassword');
  const call = client(baseUrl);
  const adminToken = await login(call, adminEmail, adminPassword);

  const events = demoEvents();
  for (const event of events) await ensureEvent(call, adminToken, event, log);

  const ctf = DEMO_MARKER_SLUG;
  const teamsByName = new Map();
  for (const player of DEMO_PLAYERS) {
    const token = await ensurePlayer(call, player, log);
    const registration = await call('POST', `/events/${ctf}/registrations`, { token, body: {}, ok: [201, 409] });
    if (registration.status === 201 && registration.body?.status !== 'approved') {
      throw new Error(`registration of ${player.email} for ${ctf} is ${registration.body?.status}, expected approved`);
    }
    const team = await ensureTeam(call, ctf, token, player, teamsByName);
    log(`${player.email} is in team ${team.name}`);
  }

  return {
    admin: { email: adminEmail, password: adminPassword },
    players: DEMO_PLAYERS.map((player) => ({ ...player, password: DEMO_PLAYER_PASSWORD })),
    events: events.map((event) => event.slug),
  };
}

// Run directly: node scripts/seed-demo.mjs [baseUrl]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const baseUrl = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const adminEmail = process.env.ARENA_ADMIN_EMAIL;
  const adminPassword = process.env.ARENA_ADMIN_PASSWORD;
  if (!adminEmail || !adminPassword) {
    console.error('set ARENA_ADMIN_EMAIL and ARENA_ADMIN_PASSWORD (the admin the api was started with)');
    process.exit(2);
  }
  seedDemo({ baseUrl, adminEmail, adminPassword, log: (line) => console.log(`[seed] ${line}`) }).then(
    (logins) => console.log(JSON.stringify(logins, null, 2)),
    (error) => {
      console.error(`[seed] ${error.message}`);
      process.exit(1);
    },
  );
}
