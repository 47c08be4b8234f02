/** Every numeric key a scorer wrote, or why its file cannot be used. */
export type ScoresRead = { scores: Record<string, number> } | { failure: string };

// Keys become board columns: bounded in number and length.
const MAX_KEYS = 64;
const MAX_KEY_LENGTH = 128;

function finished(file: string, entries: Array<[string, unknown]>): ScoresRead {
  const scores: Record<string, number> = {};
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) return { failure: `${file}: a key must have 1 to ${MAX_KEY_LENGTH} characters` };
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    scores[key] = value;
    if (Object.keys(scores).length > MAX_KEYS) return { failure: `${file}: more than ${MAX_KEYS} scores` };
  }
  return { scores };
}

/** `scores.json`: a JSON object; its finite numbers are the scores (other values, e.g. a CodaLab `"duration"` string, are skipped). */
export function readScoresJson(text: string): ScoresRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { failure: 'output/scores.json is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { failure: 'output/scores.json must be a JSON object' };
  return finished('output/scores.json', Object.entries(parsed));
}

/**
 * `scores.txt` as CodaLab reads it: one `key: value` per line (blank lines and `#` comments skipped); a value
 * that is not a number (e.g. `Duration: 0:01`) is skipped like CodaLab's non-leaderboard keys.
 */
export function readScoresTxt(text: string): ScoresRead {
  const entries: Array<[string, unknown]> = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { failure: `output/scores.txt line ${index + 1}: expected "key: value"` };
    const value = line.slice(colon + 1).trim();
    const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : NaN;
    entries.push([line.slice(0, colon).trim(), Number.isFinite(number) ? number : value]);
  }
  return finished('output/scores.txt', entries);
}

/** The ranking key's value among the scores; a failure names the key and the keys found. */
export function rankingScore(scores: Record<string, number>, key: string, file: string): { score: number } | { failure: string } {
  const value = scores[key];
  if (value === undefined) {
    const found = Object.keys(scores);
    return { failure: `${file}: "${key}" must be a finite number (found ${found.length ? found.map((name) => `"${name}"`).join(', ') : 'no numeric key'})` };
  }
  return { score: value };
}
