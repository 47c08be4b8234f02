// Seeds a demo through the HTTP API only: one event of each kind, a few players, three teams, the example
// challenges of test/fixtures/ctf/demo imported (ctfcli format, as one zip) into the CTF, an open AI task with a sample
// prediction file (.arena/demo/ai-sample-predictions.csv), and a hackathon accepting projects.
// Idempotent-ish: existing users, events, registrations and teams are reused; challenges are re-imported (updated by name).
//   node scripts/seed-demo.mjs [baseUrl]   (ARENA_ADMIN_EMAIL / ARENA_ADMIN_PASSWORD from the environment)
// `npm start` imports it and runs it on an empty database.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

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

/** The demo AI competition and hackathon, both running, and the pages a new user opens first. */
export const DEMO_AI_SLUG = 'ai-challenge-demo';
export const DEMO_HACKATHON_SLUG = 'startup-hackathon-demo';
export const DEMO_AI_TASKS_PATH = `/events/${DEMO_AI_SLUG}/tasks`;
export const DEMO_HACKATHON_PROJECT_PATH = `/events/${DEMO_HACKATHON_SLUG}/project`;
export const DEMO_AI_TASK_NAME = 'Review sentiment';

/** A prediction file for the demo AI task (about 80 % right), written by the seed: upload it on the task page. */
export const DEMO_AI_SAMPLE_FILE = fileURLToPath(new URL('../.arena/demo/ai-sample-predictions.csv', import.meta.url));

/** The example challenges (one folder per challenge, each a ctfcli challenge.yml and its files). */
export const DEMO_CHALLENGES_DIR = fileURLToPath(new URL('../test/fixtures/ctf/demo/', import.meta.url));

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Event bodies for POST /events. The CTF is already running (teams stay open) so a new user can submit
 * flags and watch the board at once; the others start later.
 */
export function demoEvents(now = Date.now()) {
  const at = (offset) => new Date(now + offset).toISOString();
  return [
    {
      slug: 'acs-prelim-demo',
      title: 'ASEAN Cyber Shield — Preliminaries (demo)',
      kind: 'ctf',
      startsAt: at(-1 * HOUR),
      endsAt: at(2 * DAY),
      freezeAt: at(2 * DAY - 2 * HOUR),
      registration: { approval: 'auto', capacity: 500, eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 1, maxSize: 4, lockAtStart: false },
      divisions: ['general', 'student'],
    },
    // Set up and started by scripts/ad-demo.mjs (npm start) when the machine can run its checkers: until then upcoming.
    {
      slug: 'acs-final-demo',
      title: 'ASEAN Cyber Shield — Final, attack-defence (demo)',
      kind: 'ad',
      startsAt: at(30 * DAY),
      endsAt: at(60 * DAY),
      registration: { approval: 'auto', capacity: 20, eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 1, maxSize: 4, lockAtStart: false },
      ad: { tickSeconds: 10, flagLifetimeTicks: 5, flagPrefix: 'ACS' },
    },
    {
      slug: DEMO_AI_SLUG,
      title: 'Korea–ASEAN AI Development Competition (demo)',
      kind: 'ai',
      startsAt: at(-1 * HOUR),
      endsAt: at(30 * DAY),
      registration: { approval: 'auto', eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 1, maxSize: 5, lockAtStart: false },
    },
    {
      slug: DEMO_HACKATHON_SLUG,
      title: 'Korea–ASEAN Startup Hackathon (demo)',
      kind: 'hackathon',
      startsAt: at(-1 * HOUR),
      endsAt: at(14 * DAY),
      registration: { approval: 'auto', capacity: 200, eligibleCountries: ASEAN_AND_KOREA },
      teams: { minSize: 1, maxSize: 5, lockAtStart: false },
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

/** Every file under `root` as `[relative posix path, bytes]`, sorted. */
async function readTree(root, prefix = '') {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const files = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await readTree(root, path)));
    else if (entry.isFile()) files.push([path, await readFile(join(root, path))]);
  }
  return files;
}

/** A zip of `[path, bytes]` pairs built in memory (deflated entries, UTF-8 names, no zip64: small inputs only). */
export function zipFiles(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [path, data] of files) {
    const name = Buffer.from(path, 'utf8');
    const body = deflateRawSync(data);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Imports the example challenges into the CTF as one zip (POST /events/:slug/challenges/import). Re-running it
 * updates them by name. Returns the imported names; skips (with a log line) when the fixtures are not on disk.
 */
export async function importDemoChallenges({ baseUrl, token, slug, dir = DEMO_CHALLENGES_DIR, log = () => {} }) {
  let files;
  try {
    files = await readTree(dir);
  } catch (error) {
    if (error?.code !== 'ENOENT') throw error;
    log(`no example challenges at ${dir}: skipped`);
    return [];
  }
  const path = `/api/v1/events/${slug}/challenges/import`;
  const form = new FormData();
  form.append('file', new Blob([zipFiles(files)], { type: 'application/zip' }), 'demo-challenges.zip');
  let response;
  try {
    response = await fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, body: form });
  } catch (error) {
    throw new ApiCallError('POST', path, 'no answer', String(error?.cause?.message ?? error?.message ?? error));
  }
  const text = await response.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text for the error message
  }
  if (response.status !== 201) throw new ApiCallError('POST', path, response.status, body);
  const created = body.imported.filter((item) => item.created).length;
  log(`imported ${body.imported.length} example challenges into ${slug} (${created} new, ${body.imported.length - created} updated)`);
  for (const warning of body.warnings) log(`import warning: ${warning}`);
  return body.imported.map((item) => item.name);
}

const DEMO_REVIEWS = 200;

/** The demo task's hidden labels: `pos`/`neg` for review-001…review-200 from a fixed generator (the same everywhere). */
export function demoReviewLabels(count = DEMO_REVIEWS) {
  let state = 20261204;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % 100 < 55 ? 'pos' : 'neg';
  });
}

const reviewId = (index) => `review-${String(index + 1).padStart(3, '0')}`;

/** The sample predictions: the task's header and every id, four in five labels right, so it scores about 0.8. */
export function demoSamplePredictions(labels = demoReviewLabels()) {
  const rows = labels.map((label, index) => `${reviewId(index)},${index % 5 === 4 ? (label === 'pos' ? 'neg' : 'pos') : label}`);
  return ['id,label', ...rows].join('\n') + '\n';
}

const DEMO_AI_DESCRIPTION = `## Review sentiment

Each row of the hidden test set is a product review from a Southeast Asian marketplace, labelled **pos** or **neg**.
Predict the label of every review.

- Upload a CSV with the header \`id,label\` and one row per review (\`review-001\` … \`review-${DEMO_REVIEWS}\`), as in a Kaggle sample submission.
- The score is **accuracy**: on a public 30 % of the reviews while the task runs; the other 70 % decide the final, private ranking.
- Up to 10 submissions a day count (a file that fails the checks does not); choose up to 2 as final.

\`npm start\` writes a sample file to try the upload: \`.arena/demo/ai-sample-predictions.csv\`.`;

/** POSTs a multipart form; returns the parsed answer, throws ApiCallError unless the status is in `ok`. */
async function postForm(baseUrl, token, path, form, ok) {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1${path}`;
  let response;
  try {
    response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, body: form });
  } catch (error) {
    throw new ApiCallError('POST', `/api/v1${path}`, 'no answer', String(error?.cause?.message ?? error?.message ?? error));
  }
  const text = await response.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text for the error message
  }
  if (!ok.includes(response.status)) throw new ApiCallError('POST', `/api/v1${path}`, response.status, body);
  return { status: response.status, body };
}

/** The demo AI task ("Review sentiment", accuracy), created once; returns it (found by name when it exists). */
export async function ensureDemoAiTask({ baseUrl, token, log = () => {} }) {
  const call = client(baseUrl);
  const existing = (await call('GET', `/events/${DEMO_AI_SLUG}/tasks`)).body.find((task) => task.name === DEMO_AI_TASK_NAME);
  if (existing) return existing;
  const labels = demoReviewLabels();
  const truth = ['id,label', ...labels.map((label, index) => `${reviewId(index)},${label}`)].join('\n') + '\n';
  const form = new FormData();
  const fields = {
    name: DEMO_AI_TASK_NAME,
    description: DEMO_AI_DESCRIPTION,
    metric: 'accuracy',
    idColumn: 'id',
    targetColumn: 'label',
    publicFraction: '0.3',
    maxDailySubmissions: '10',
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('groundTruth', new Blob([truth], { type: 'text/csv' }), 'review-sentiment-truth.csv');
  const { body } = await postForm(baseUrl, token, `/events/${DEMO_AI_SLUG}/tasks`, form, [201]);
  log(`created AI task "${DEMO_AI_TASK_NAME}" in ${DEMO_AI_SLUG}`);
  return body;
}

/** Writes the sample prediction file (git-ignored, under .arena/ by default); returns its path. */
export async function writeDemoSampleFile(file = DEMO_AI_SAMPLE_FILE) {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, demoSamplePredictions());
  return file;
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

export async function ensurePlayer(call, player, log) {
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

export async function ensureTeam(call, slug, token, player, teamsByName, withDivision = true) {
  const mine = await call('GET', `/events/${slug}/teams/me`, { token, ok: [200, 404] });
  if (mine.status === 200) {
    if (mine.body.inviteCode) teamsByName.set(mine.body.name, mine.body);
    return mine.body;
  }
  const existing = teamsByName.get(player.team);
  if (!existing) {
    const division = withDivision ? DEMO_TEAMS.find((team) => team.name === player.team)?.division : undefined;
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
export async function seedDemo({ baseUrl, adminEmail, adminPassword, log = () => {}, sampleFile = DEMO_AI_SAMPLE_FILE }) {
  if (!baseUrl || !adminEmail || !adminPassword) throw new Error('seedDemo needs baseUrl, adminEmail and adminPassword');
  const call = client(baseUrl);
  const adminToken = await login(call, adminEmail, adminPassword);

  const events = demoEvents();
  for (const event of events) await ensureEvent(call, adminToken, event, log);

  const ctf = DEMO_MARKER_SLUG;
  const challenges = await importDemoChallenges({ baseUrl, token: adminToken, slug: ctf, log });

  const task = await ensureDemoAiTask({ baseUrl, token: adminToken, log });
  await call('PUT', `/events/${DEMO_HACKATHON_SLUG}/hackathon`, {
    token: adminToken,
    body: { tracks: ['health', 'climate', 'fintech'], checks: { requiredFiles: ['README*'] } },
  });
  const sample = await writeDemoSampleFile(sampleFile);
  log(`wrote a sample prediction file to ${sample}`);

  // The same three teams play the CTF, the AI task and the hackathon.
  const teams = { [ctf]: new Map(), [DEMO_AI_SLUG]: new Map(), [DEMO_HACKATHON_SLUG]: new Map() };
  for (const player of DEMO_PLAYERS) {
    const token = await ensurePlayer(call, player, log);
    for (const slug of Object.keys(teams)) {
      const registration = await call('POST', `/events/${slug}/registrations`, { token, body: {}, ok: [201, 409] });
      if (registration.status === 201 && registration.body?.status !== 'approved') {
        throw new Error(`registration of ${player.email} for ${slug} is ${registration.body?.status}, expected approved`);
      }
      const team = await ensureTeam(call, slug, token, player, teams[slug], slug === ctf);
      log(`${player.email} is in team ${team.name} (${slug})`);
    }
  }

  return {
    admin: { email: adminEmail, password: adminPassword },
    players: DEMO_PLAYERS.map((player) => ({ ...player, password: DEMO_PLAYER_PASSWORD })),
    events: events.map((event) => event.slug),
    challenges,
    ai: { slug: DEMO_AI_SLUG, taskId: task.id, taskPath: `${DEMO_AI_TASKS_PATH}/${task.id}`, sampleFile: sample },
    hackathon: { slug: DEMO_HACKATHON_SLUG, projectPath: DEMO_HACKATHON_PROJECT_PATH },
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
  // ARENA_DEMO_SAMPLE_FILE: where to write the sample predictions instead of .arena/demo (the tests use it).
  const sampleFile = process.env.ARENA_DEMO_SAMPLE_FILE || DEMO_AI_SAMPLE_FILE;
  seedDemo({ baseUrl, adminEmail, adminPassword, sampleFile, log: (line) => console.log(`[seed] ${line}`) }).then(
    (logins) => console.log(JSON.stringify(logins, null, 2)),
    (error) => {
      console.error(`[seed] ${error.message}`);
      process.exit(1);
    },
  );
}
