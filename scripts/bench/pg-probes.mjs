// What PostgreSQL does for the bench: backend activity sampled under load, and the statements single requests
// run (from PostgreSQL's own log, with their server time).
import { setTimeout as sleep } from 'node:timers/promises';
import { ms, num } from './report.mjs';
import { pgLogTap } from './stack.mjs';

// ---------------------------------------------------------------- what PostgreSQL's backends do under load

/**
 * Samples pg_stat_activity every `everyMs` until stopped: the share of backend samples per state / wait event /
 * statement. Each sample costs PostgreSQL about 1 ms.
 */
export function sampleActivity(db, everyMs = 20) {
  const counts = new Map();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await db.query(
        `SELECT state, wait_event_type, wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS query
           FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()`,
      );
      samples += 1;
      for (const row of rows) {
        const what = row.state === 'active' ? `active ${row.wait_event ? `waiting ${row.wait_event_type}:${row.wait_event}` : 'on CPU'} · ${row.query}` : (row.state ?? 'starting');
        counts.set(what, (counts.get(what) ?? 0) + 1);
      }
      await sleep(everyMs);
    }
  })().catch(() => undefined); // the client closes when the run is interrupted
  return async () => {
    stopped = true;
    await loop;
    const busy = [...counts.entries()].filter(([what]) => what.startsWith('active')).reduce((sum, [, n]) => sum + n, 0);
    return {
      activeBackends: busy / Math.max(1, samples),
      lines: [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([what, n]) => `      ${num(n / Math.max(1, samples), 1).padStart(5)} backends  ${what}`),
    };
  };
}

// ---------------------------------------------------------------- statement probe (PostgreSQL's own log)

const LOG_LINE = /^\S+ \S+ \S+ \[(\d+)\] (?:LOG|DETAIL|ERROR|STATEMENT|WARNING|HINT|CONTEXT):\s+(.*)$/;

/**
 * Runs `work` with log_min_duration_statement = 0 and returns the statements other backends ran meanwhile;
 * `warm` runs first, with logging on but not captured (fills the api's 1 s in-memory caches, as under load).
 */
export async function captureStatements(db, work, warm = async () => {}) {
  const {
    rows: [{ pid }],
  } = await db.query('SELECT pg_backend_pid() AS pid');
  await db.query('ALTER SYSTEM SET log_min_duration_statement = 0');
  await db.query('SELECT pg_reload_conf()');
  await sleep(500);
  await warm();
  let text = '';
  pgLogTap.sink = (chunk) => (text += chunk);
  try {
    await work();
    await sleep(300);
  } finally {
    pgLogTap.sink = null;
    await db.query('ALTER SYSTEM RESET log_min_duration_statement');
    await db.query('SELECT pg_reload_conf()');
  }
  // Entries: a prefixed line plus its tab-indented continuation lines.
  const entries = [];
  for (const line of text.split('\n')) {
    const match = LOG_LINE.exec(line);
    if (match) entries.push({ pid: Number(match[1]), text: match[2] });
    else if (entries.length > 0 && line.trim()) entries.at(-1).text += ` ${line.trim()}`;
  }
  const statements = new Map();
  for (const entry of entries) {
    if (entry.pid === pid) continue;
    const match = /^duration: ([\d.]+) ms\s+(parse|bind|execute|statement)(?: [^:]*)?: (.*)$/.exec(entry.text);
    if (!match) continue;
    const [, duration, phase, sql] = match;
    const key = sql.replace(/\s+/g, ' ').trim();
    const stat = statements.get(key) ?? { sql: key, count: 0, ms: 0 };
    if (phase === 'execute' || phase === 'statement') stat.count += 1;
    stat.ms += Number(duration);
    statements.set(key, stat);
  }
  return [...statements.values()].filter((stat) => stat.count > 0).sort((a, b) => b.ms - a.ms);
}

export function describeStatements(statements, requests) {
  const total = statements.reduce((sum, stat) => sum + stat.count, 0);
  const totalMs = statements.reduce((sum, stat) => sum + stat.ms, 0);
  const lines = statements.map(
    (stat) => `      ${num(stat.count / requests, 1).padStart(5)} × ${ms(stat.ms / stat.count).padStart(8)}  ${stat.sql.length > 150 ? `${stat.sql.slice(0, 147)}…` : stat.sql}`,
  );
  return { perRequest: total / requests, msPerRequest: totalMs / requests, lines };
}
