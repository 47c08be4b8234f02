// The storm's challenges, and its checks against the database (SQL only reads here: the players went through the API).

/** How many of the signed-in challenge-list answers are kept and checked. */
export const LIST_SAMPLES = 50;

const DYNAMIC = { initial: 500, minimum: 100, decay: 1200 }; // logarithmic: 1 000 solves bring 500 down to 223

/** The index-th challenge of the storm (the last one, index 10, is the race's). */
export function stormChallenge(index) {
  const name = index < 10 ? `storm-${index + 1}` : 'storm-race';
  return { name, flag: `ACS{${name}}`, category: 'misc', description: 'bench', type: 'dynamic', function: 'logarithmic', ...DYNAMIC };
}

/** docs/scoring.md: the current value of a logarithmic dynamic challenge after `solves` solves. */
function dynamicValue(solves) {
  const n = solves > 0 ? solves - 1 : 0;
  const { initial, minimum, decay } = DYNAMIC;
  return Math.max(minimum, Math.ceil(((minimum - initial) / (decay * decay)) * n * n + initial));
}

export async function checkStorm(db, { eventId, race }) {
  const { rows: verdictRows } = await db.query('SELECT verdict, count(*)::int AS n FROM attempts WHERE event_id = $1 GROUP BY verdict', [eventId]);
  const { rows: solveRows } = await db.query('SELECT count(*)::int AS n, count(*) FILTER (WHERE challenge_id = $2)::int AS race FROM solves WHERE event_id = $1', [
    eventId,
    race.id,
  ]);
  return {
    verdicts: Object.fromEntries(verdictRows.map((row) => [row.verdict, row.n])),
    solves: solveRows[0].n - solveRows[0].race,
    raceSolves: solveRows[0].race,
  };
}

/** Problems of one sampled challenge list, compared with the solves in the database. */
function listProblems(sample, counts, solvedBy) {
  if (sample.status !== 200) return [`HTTP ${sample.status}`];
  const list = JSON.parse(sample.body);
  const problems = [];
  if (list.length !== counts.size) problems.push(`${list.length} challenges listed, ${counts.size} exist`);
  for (const item of list) {
    const solves = counts.get(item.id) ?? 0;
    const mine = solvedBy.get(sample.teamId)?.has(item.id) ?? false;
    if (item.solves !== solves) problems.push(`${item.name}: solves ${item.solves}, database ${solves}`);
    if (item.value !== dynamicValue(solves)) problems.push(`${item.name}: value ${item.value}, expected ${dynamicValue(solves)}`);
    if (item.solvedByMe !== mine) problems.push(`${item.name}: solvedByMe ${item.solvedByMe}, database ${mine}`);
    if (item.attemptsLeft !== null) problems.push(`${item.name}: attemptsLeft ${item.attemptsLeft} (unlimited: null)`);
  }
  return problems;
}

/** Checks the sampled answers of the signed-in list reads (taken after the storm and the race: nothing moves). */
export async function checkLists(db, { event, samples }) {
  const { rows: countRows } = await db.query(
    'SELECT c.id, count(s.team_id)::int AS n FROM challenges c LEFT JOIN solves s ON s.challenge_id = c.id WHERE c.event_id = $1 GROUP BY c.id',
    [event.eventId],
  );
  const counts = new Map(countRows.map((row) => [row.id, row.n]));
  const teams = [...new Set(samples.map((sample) => sample.teamId))];
  const { rows: solveRows } = await db.query('SELECT team_id, challenge_id FROM solves WHERE event_id = $1 AND team_id = ANY($2::uuid[])', [event.eventId, teams]);
  const solvedBy = new Map();
  for (const row of solveRows) solvedBy.set(row.team_id, (solvedBy.get(row.team_id) ?? new Set()).add(row.challenge_id));
  const problems = samples.flatMap((sample) => listProblems(sample, counts, solvedBy).map((problem) => `team ${sample.teamId.slice(0, 8)}: ${problem}`));
  const right = samples.filter((sample) => listProblems(sample, counts, solvedBy).length === 0).length;
  return { sampled: samples.length, right, problems };
}
