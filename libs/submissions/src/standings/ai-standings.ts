/** One scored submission, as the boards need it. */
export interface ScoredEntry {
  id: string;
  teamId: string;
  publicScore: number;
  privateScore: number;
  selectedFinal: boolean;
  createdAt: Date;
  /** Every key a custom scorer wrote on each split (null for the built-in metrics). */
  publicScores?: Record<string, number> | null;
  privateScores?: Record<string, number> | null;
}

export interface BoardEntry {
  teamId: string;
  score: number;
  /** The submission that gave the score (ties: the earlier one wins). */
  submissionId: string;
  at: Date;
  /** Every key the scorer wrote for that submission, on this board's split only. */
  scores?: Record<string, number>;
}

const FINALS = 2;

type Direction = { higherIsBetter: boolean };

function better(a: number, b: number, { higherIsBetter }: Direction): number {
  return higherIsBetter ? b - a : a - b;
}

/** Best first; equal scores: the earlier submission first, then by id. */
function order(score: (entry: ScoredEntry) => number, direction: Direction) {
  return (a: ScoredEntry, b: ScoredEntry) => better(score(a), score(b), direction) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

function byTeam(entries: ScoredEntry[]): Map<string, ScoredEntry[]> {
  const teams = new Map<string, ScoredEntry[]>();
  for (const entry of entries) teams.set(entry.teamId, [...(teams.get(entry.teamId) ?? []), entry]);
  return teams;
}

function rankBoard(entries: BoardEntry[], direction: Direction): BoardEntry[] {
  return entries.sort((a, b) => better(a.score, b.score, direction) || a.at.getTime() - b.at.getTime() || a.submissionId.localeCompare(b.submissionId));
}

/** The public board: each team's best public score (scoring.md). */
export function publicBoard(entries: ScoredEntry[], direction: Direction): BoardEntry[] {
  const rows = [...byTeam(entries).entries()].map(([teamId, own]) => {
    const best = [...own].sort(order((entry) => entry.publicScore, direction))[0];
    return { teamId, score: best.publicScore, submissionId: best.id, at: best.createdAt, ...(best.publicScores ? { scores: best.publicScores } : {}) };
  });
  return rankBoard(rows, direction);
}

/**
 * The private board: the best private score among the submissions a team selected as final (at most 2),
 * or among its 2 best public ones when it selected none (scoring.md).
 */
export function privateBoard(entries: ScoredEntry[], direction: Direction): BoardEntry[] {
  const rows = [...byTeam(entries).entries()].map(([teamId, own]) => {
    const selected = own.filter((entry) => entry.selectedFinal);
    const candidates = selected.length > 0 ? selected.slice(0, FINALS) : [...own].sort(order((entry) => entry.publicScore, direction)).slice(0, FINALS);
    const best = [...candidates].sort(order((entry) => entry.privateScore, direction))[0];
    return { teamId, score: best.privateScore, submissionId: best.id, at: best.createdAt, ...(best.privateScores ? { scores: best.privateScores } : {}) };
  });
  return rankBoard(rows, direction);
}
