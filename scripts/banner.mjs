// The start banner: where to go and how to sign in. It lists only the addresses that answer, so a user never opens
// one that shows a 404 (the app when the web build is missing, say). `node scripts/banner.mjs [url]` probes a running
// api and prints what answers (default http://127.0.0.1:3000).
import { pathToFileURL } from 'node:url';

const PROBE_TIMEOUT_MS = 3_000;

const isJson = (response) => (response.headers.get('content-type') ?? '').includes('application/json');

/** The banner's addresses: the path shown, the path asked, and what counts as an answer there. */
export const ADDRESSES = [
  {
    name: 'app',
    path: '',
    probe: '/',
    accept: 'text/html',
    answers: (response) => response.status === 200 && (response.headers.get('content-type') ?? '').includes('text/html'),
  },
  // The prefix itself is no route: a public list stands for it.
  { name: 'api', path: '/api/v1', probe: '/api/v1/events', accept: 'application/json', answers: (response) => response.status === 200 && isJson(response) },
  { name: 'docs', path: '/docs', probe: '/docs', accept: 'text/html', answers: (response) => response.status === 200 },
  { name: 'health', path: '/health', probe: '/health', accept: 'application/json', answers: (response) => response.status === 200 && isJson(response) },
];

/** Asks each address once (in parallel); `{ name, path, answers, detail }` per address, in banner order. */
export async function probeAddresses(probeBase, { timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  return Promise.all(
    ADDRESSES.map(async (address) => {
      try {
        const response = await fetch(`${probeBase}${address.probe}`, { headers: { accept: address.accept }, signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
        return { name: address.name, path: address.path, answers: address.answers(response), detail: String(response.status) };
      } catch (error) {
        return { name: address.name, path: address.path, answers: false, detail: String(error?.cause?.code ?? error?.name ?? error) };
      }
    }),
  );
}

/** The address lines: one per address that answers, then one line naming those that do not (and why). */
export function addressLines(displayBase, probed) {
  const lines = probed.filter((address) => address.answers).map((address) => `    ${address.name.padEnd(8)} ${displayBase}${address.path}`);
  const silent = probed.filter((address) => !address.answers);
  if (silent.length > 0) {
    const hint = silent.some((address) => address.name === 'app') ? ' (the app needs its build: npm run build:web)' : '';
    lines.push(`    not answering: ${silent.map((address) => `${address.name} (${address.detail})`).join(', ')}${hint}`);
  }
  return lines;
}

/**
 * The whole banner. `demoLines` are the demo's own lines (events to open, files to upload), printed after the players
 * when the demo is there.
 */
export function formatBanner({ displayBase, probed, admin, players = [], playerPassword, seeded, seedError, seedDisabled, demoLines = [], arenaDir = '.arena' }) {
  const lines = ['', '  Arena is running', ...addressLines(displayBase, probed), '', `  admin      ${admin.email} / ${admin.password}`];
  if (seedDisabled) {
    lines.push('  demo seeding is off (ARENA_SEED_DEMO)');
  } else if (seedError) {
    lines.push('', `  the demo seed FAILED: ${seedError}`, '  (the platform runs; see the error above)');
  } else {
    lines.push(`  players    password ${playerPassword}${seeded ? '' : ' (demo seeded earlier)'}`);
    for (const player of players) {
      lines.push(`             ${player.email.padEnd(20)} ${player.country}  team ${player.team} (acs-prelim-demo)`);
    }
    lines.push(...demoLines);
  }
  lines.push('', `  local data in ${arenaDir}/ (delete it to start over); Ctrl-C stops`, '');
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const base = (process.argv[2] ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const probed = await probeAddresses(base);
  console.log(addressLines(base, probed).join('\n'));
  process.exitCode = probed.some((address) => address.answers) ? 0 : 1;
}
