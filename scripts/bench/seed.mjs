// Seeds a running CTF straight into PostgreSQL with set-based inserts (INSERT … SELECT generate_series):
// users, the event, teams with members and registrations, challenges with flags, and solves spread over
// the teams and the last five hours. 20 000 teams / 400 000 solves take a few seconds.
import pg from 'pg';

const int = (value, name) => {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${value}`);
  return value;
};

export async function connect(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

/** The flag of challenge `index` of the event `slug`. */
export const flagOf = (slug, index) => `ACS{${slug}-${index}}`;

/**
 * One running CTF event (kind ctf, started 6 h ago, ends in 6 h, public board).
 * The first `reserved` teams get no seeded solves (the bench attaches API users to them); the solves go
 * round-robin over the other teams, each solving a window of consecutive challenges, so the challenges'
 * solve counts (and dynamic values) differ.
 * Challenges: a third static (100–500), a third linear (500 → 100, −1 a solve), a third logarithmic
 * (500 → 100 at 300 solves); one static flag each, `flagOf(slug, index)`.
 */
export async function seedCtf(client, { slug, teams, solves, challenges = 50, membersPerTeam = 1, reserved = 0, wrongAttemptsPerMinute = 10_000 }) {
  int(teams, 'teams');
  int(solves, 'solves');
  int(challenges, 'challenges');
  int(membersPerTeam, 'membersPerTeam');
  int(reserved, 'reserved');
  const solvingTeams = teams - reserved;
  const perTeam = solvingTeams > 0 ? Math.ceil(solves / solvingTeams) : 0;
  if (solves > 0 && (solvingTeams <= 0 || perTeam > challenges)) {
    throw new Error(`cannot spread ${solves} solves over ${solvingTeams} teams and ${challenges} challenges`);
  }
  const started = performance.now();
  await client.query('BEGIN');
  try {
    // The rows are consistent by construction: skip the row-by-row foreign-key triggers (superuser, this session only).
    await client.query("SET LOCAL session_replication_role = 'replica'");
    const settings = JSON.stringify({ wrongAttemptsPerMinute, firstBloodBonus: 0 });
    const {
      rows: [event],
    } = await client.query(
      `INSERT INTO events (slug, title, kind, starts_at, ends_at, team_max_size, team_lock_at_start, ctf)
       VALUES ($1, $2, 'ctf', now() - interval '6 hours', now() + interval '6 hours', 4, false, $3::jsonb)
       RETURNING id`,
      [slug, `Bench ${slug}`, settings],
    );
    const eventId = event.id;
    await client.query(
      `CREATE TEMP TABLE bench_teams ON COMMIT DROP AS
         SELECT i AS idx, gen_random_uuid() AS id FROM generate_series(0, ${teams - 1}) AS i`,
    );
    await client.query(
      `CREATE TEMP TABLE bench_members ON COMMIT DROP AS
         SELECT t.idx, t.id AS team_id, k, gen_random_uuid() AS user_id
           FROM bench_teams t CROSS JOIN generate_series(0, ${membersPerTeam - 1}) AS k`,
    );
    await client.query(
      `CREATE TEMP TABLE bench_challenges ON COMMIT DROP AS
         SELECT j AS idx, gen_random_uuid() AS id FROM generate_series(0, ${challenges - 1}) AS j`,
    );
    await client.query('ANALYZE bench_teams; ANALYZE bench_members; ANALYZE bench_challenges');
    await client.query(
      `INSERT INTO users (id, email, password_hash, display_name, country, created_at, updated_at)
       SELECT user_id, format('t%s-m%s@%s.bench', idx, k, $1::text), 'bench-seeded-no-login', format('Player %s.%s', idx, k), 'VN',
              now() - interval '7 hours', now() - interval '7 hours'
         FROM bench_members`,
      [slug],
    );
    await client.query(
      `INSERT INTO registrations (event_id, user_id, status, created_at, updated_at)
       SELECT $1, user_id, 'approved', now() - interval '7 hours', now() - interval '7 hours' FROM bench_members`,
      [eventId],
    );
    await client.query(
      `INSERT INTO teams (id, event_id, name, invite_code, created_at, updated_at)
       SELECT id, $1, format('team-%s', lpad(idx::text, 5, '0')), md5($2 || '/' || idx), now() - interval '7 hours', now() - interval '7 hours'
         FROM bench_teams`,
      [eventId, slug],
    );
    await client.query(
      `INSERT INTO team_members (team_id, user_id, event_id, role, joined_at)
       SELECT team_id, user_id, $1, (CASE WHEN k = 0 THEN 'captain' ELSE 'member' END)::team_role, now() - interval '7 hours'
         FROM bench_members`,
      [eventId],
    );
    await client.query(
      `INSERT INTO challenges (id, event_id, name, category, description, value_function, value, initial, minimum, decay, position)
       SELECT id, $1, format('chal-%s', lpad(idx::text, 3, '0')), (ARRAY['web', 'pwn', 'crypto', 'rev', 'misc'])[idx % 5 + 1],
              'A bench challenge.',
              (CASE idx % 3 WHEN 0 THEN 'static' WHEN 1 THEN 'linear' ELSE 'logarithmic' END)::value_function,
              CASE WHEN idx % 3 = 0 THEN 100 + (idx % 5) * 100 ELSE 0 END,
              CASE WHEN idx % 3 = 0 THEN 0 ELSE 500 END,
              CASE WHEN idx % 3 = 0 THEN 0 ELSE 100 END,
              CASE idx % 3 WHEN 1 THEN 1 WHEN 2 THEN 300 ELSE 0 END,
              idx
         FROM bench_challenges`,
      [eventId],
    );
    await client.query(
      `INSERT INTO challenge_flags (challenge_id, kind, content)
       SELECT id, 'static', format('ACS{%s-%s}', $1::text, idx) FROM bench_challenges`,
      [slug],
    );
    if (solves > 0) {
      // Solve n: team reserved + n % solvingTeams, its (n / solvingTeams)-th challenge of a window that starts at a
      // per-team offset; distinct challenges per team, distinct times, the last one about now.
      await client.query(
        `INSERT INTO solves (event_id, challenge_id, team_id, user_id, created_at)
         SELECT $1, c.id, m.team_id, m.user_id, now() - interval '5 hours' + (n + 1) * (interval '5 hours' / ${solves + 1})
           FROM generate_series(0, ${solves - 1}) AS n
           JOIN bench_members m ON m.idx = ${reserved} + n % ${solvingTeams} AND m.k = 0
           JOIN bench_challenges c ON c.idx = n / ${solvingTeams} + ((${reserved} + n % ${solvingTeams}) * 7919) % ${challenges - perTeam + 1}`,
        [eventId],
      );
    }
    const { rows: challengeRows } = await client.query('SELECT idx, id FROM bench_challenges ORDER BY idx');
    const { rows: reservedRows } = await client.query(
      `SELECT t.idx, t.id AS team_id, m.user_id FROM bench_teams t JOIN bench_members m ON m.team_id = t.id AND m.k = 0
        WHERE t.idx < ${reserved} ORDER BY t.idx`,
    );
    await client.query('COMMIT');
    // Vacuumed, with fresh statistics, as autovacuum keeps the tables of a live contest; otherwise autovacuum takes
    // on the bulk load while the figures are measured (a second core's worth of noise on this 2-core machine).
    await client.query('VACUUM ANALYZE users, registrations, teams, team_members, challenges, challenge_flags, solves');
    return {
      eventId,
      slug,
      teams,
      solves,
      challenges: challengeRows.map((row) => ({ id: row.id, flag: flagOf(slug, row.idx) })),
      reservedTeams: reservedRows.map((row) => ({ teamId: row.team_id, captainId: row.user_id })),
      ms: performance.now() - started,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Puts an API-registered user into a seeded team (approved registration + membership). */
export async function joinTeam(client, { eventId, teamId, userId }) {
  await client.query(`INSERT INTO registrations (event_id, user_id, status) VALUES ($1, $2, 'approved')`, [eventId, userId]);
  await client.query(`INSERT INTO team_members (team_id, user_id, event_id, role) VALUES ($1, $2, $3, 'member')`, [teamId, userId, eventId]);
}

/** A manual award (keeps the SSE team at the top of the board, so it is on every client's first page). */
export async function award(client, { eventId, teamId, value, reason }) {
  await client.query(`INSERT INTO awards (event_id, team_id, value, reason, kind) VALUES ($1, $2, $3, $4, 'manual')`, [eventId, teamId, value, reason]);
}
