import { currentValue } from '../challenges/challenge-view';
import { ChallengeEntity } from '../challenges/entities/challenge.entity';
import { StandingRow } from './standings.repository';

/** A team as the standings see it; `nameOrder` is its place in PostgreSQL's `ORDER BY name` (the last tie-break). */
export interface StateTeam {
  id: string;
  name: string;
  division: string | null;
  hidden: boolean;
  banned: boolean;
  nameOrder: number;
}

/** A scoring row: a solve (`value` unset: the challenge's current value) or an award (hint costs are negative awards). */
export interface StateRow {
  id: string;
  teamId: string;
  /** Microseconds since the epoch, as PostgreSQL stores it: ties are decided at that precision. */
  at: number;
  /** The same instant as the driver reads it (milliseconds), for the board's `lastAt`. */
  createdAt: Date;
}

export interface StateSolve extends StateRow {
  challengeId: string;
}

export interface StateAward extends StateRow {
  value: number;
}

/** Everything an event's standings are made of, as read in one snapshot, and the position to read new solves from. */
export interface StandingsInputs {
  challenges: ChallengeEntity[];
  teams: StateTeam[];
  solves: StateSolve[];
  awards: StateAward[];
  /** Solves stored by a transaction whose id is at least this may not have been visible yet: read them again. */
  position: string;
}

/** One board computed in memory, with the counts and values it used. */
export interface StateBoard {
  rows: StandingRow[];
  counts: Map<string, number>;
  values: Map<string, number>;
}

interface Total {
  team: StateTeam;
  score: number;
  lastAt: number | null;
  lastDate: Date | null;
}

/**
 * An event's standings kept in memory (the worker's): new solves are applied as they come, and each board is ranked
 * from memory exactly as StandingsRepository.standings ranks it in SQL (scoring.md: current values, first-blood
 * bonuses, awards, tie-breaks, freeze cutoff, hidden and banned teams). Anything other than a new solve needs a reload.
 */
export class StandingsState {
  private readonly teams: Map<string, StateTeam>;
  private readonly challengeIds: Set<string>;
  private readonly solves: StateSolve[];
  private readonly solved = new Set<string>();
  position: string;

  constructor(private readonly inputs: StandingsInputs) {
    this.teams = new Map(inputs.teams.map((team) => [team.id, team]));
    this.challengeIds = new Set(inputs.challenges.map((challenge) => challenge.id));
    this.solves = [];
    this.position = inputs.position;
    if (!this.apply(inputs.solves, inputs.position)) throw new Error('solves of unknown teams or challenges in one snapshot');
  }

  get challenges(): ChallengeEntity[] {
    return this.inputs.challenges;
  }

  get solveCount(): number {
    return this.solves.length;
  }

  /**
   * Adds the solves read since the last position (some may be known already: the reads overlap) and moves to `position`.
   * False when one is of a team or challenge this state does not know: the caller reloads.
   */
  apply(solves: StateSolve[], position: string): boolean {
    for (const solve of solves) {
      if (!this.teams.has(solve.teamId) || !this.challengeIds.has(solve.challengeId)) return false;
      // A team solves a challenge once (unique in PostgreSQL).
      const key = `${solve.teamId}:${solve.challengeId}`;
      if (this.solved.has(key)) continue;
      this.solved.add(key);
      this.solves.push(solve);
    }
    this.position = position;
    return true;
  }

  /** The board before `cutoff` (microseconds, or all), in standings order; banned teams listed only `withBanned`. */
  board(cutoff: number | null, firstBloodBonus: number, withBanned: boolean): StateBoard {
    const before = (row: StateRow) => cutoff === null || row.at < cutoff;
    const solves = this.solves.filter(before);
    const awards = this.inputs.awards.filter(before);
    const counts = this.counts(solves);
    const values = new Map(this.inputs.challenges.map((challenge) => [challenge.id, currentValue(challenge, counts)]));
    const bloods = firstBloodBonus === 0 ? [] : this.firstBloods(solves);
    const totals = new Map<string, Total>();
    const add = (teamId: string, points: number, row: StateRow) => {
      const team = this.teams.get(teamId);
      if (!team || team.hidden || (team.banned && !withBanned)) return;
      let total = totals.get(teamId);
      if (!total) totals.set(teamId, (total = { team, score: 0, lastAt: null, lastDate: null }));
      total.score += points;
      if (points !== 0 && (total.lastAt === null || row.at > total.lastAt)) {
        total.lastAt = row.at;
        total.lastDate = row.createdAt;
      }
    };
    for (const solve of solves) add(solve.teamId, values.get(solve.challengeId) ?? 0, solve);
    for (const blood of bloods) add(blood.teamId, firstBloodBonus, blood);
    for (const award of awards) add(award.teamId, award.value, award);
    const standing: Total[] = [];
    for (const team of this.teams.values()) {
      if (team.hidden || (team.banned && !withBanned)) continue;
      standing.push(totals.get(team.id) ?? { team, score: 0, lastAt: null, lastDate: null });
    }
    const latest = this.latestRows(standing, solves, values, bloods, firstBloodBonus, awards);
    standing.sort((a, b) => compare(a, b, latest));
    const rows = standing.map(({ team, score, lastDate }) => ({
      teamId: team.id,
      teamName: team.name,
      division: team.division,
      score,
      lastAt: lastDate,
      lastRowId: latest.get(team.id) ?? null,
      banned: team.banned,
    }));
    return { rows, counts, values };
  }

  private visible(teamId: string): boolean {
    const team = this.teams.get(teamId);
    return team !== undefined && !team.hidden && !team.banned;
  }

  // As ChallengesRepository.solveCounts: an entry per challenge with a solve before the cutoff, counting visible teams only.
  private counts(solves: StateSolve[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const solve of solves) counts.set(solve.challengeId, (counts.get(solve.challengeId) ?? 0) + (this.visible(solve.teamId) ? 1 : 0));
    return counts;
  }

  // Each challenge's first solve by a visible team, in time then id order; its bonus row's id is `fb-<solve id>`.
  private firstBloods(solves: StateSolve[]): StateSolve[] {
    const first = new Map<string, StateSolve>();
    for (const solve of solves) {
      if (!this.visible(solve.teamId)) continue;
      const known = first.get(solve.challengeId);
      if (!known || solve.at < known.at || (solve.at === known.at && solve.id < known.id)) first.set(solve.challengeId, solve);
    }
    return [...first.values()].map((solve) => ({ ...solve, id: `fb-${solve.id}` }));
  }

  /**
   * The id of the latest non-zero row of each team whose score and time equal another's (the one case where it decides
   * the order), compared as bytes (COLLATE "C" in SQL).
   */
  private latestRows(standing: Total[], solves: StateSolve[], values: Map<string, number>, bloods: StateSolve[], bonus: number, awards: StateAward[]): Map<string, string> {
    const groups = new Map<string, number>();
    const groupKey = (total: Total) => `${total.score}|${total.lastAt}`;
    for (const total of standing) if (total.lastAt !== null) groups.set(groupKey(total), (groups.get(groupKey(total)) ?? 0) + 1);
    const tied = new Map<string, number>();
    for (const total of standing) if (total.lastAt !== null && (groups.get(groupKey(total)) ?? 0) > 1) tied.set(total.team.id, total.lastAt);
    const latest = new Map<string, string>();
    if (tied.size === 0) return latest;
    const consider = (row: StateRow, points: number) => {
      if (points === 0 || tied.get(row.teamId) !== row.at) return;
      const known = latest.get(row.teamId);
      if (known === undefined || row.id > known) latest.set(row.teamId, row.id);
    };
    for (const solve of solves) consider(solve, values.get(solve.challengeId) ?? 0);
    for (const blood of bloods) consider(blood, bonus);
    for (const award of awards) consider(award, award.value);
    return latest;
  }
}

// ORDER BY score DESC, last_at ASC NULLS LAST, last_id ASC NULLS LAST, name ASC.
function compare(a: Total, b: Total, latest: Map<string, string>): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.lastAt !== b.lastAt) {
    if (a.lastAt === null) return 1;
    if (b.lastAt === null) return -1;
    return a.lastAt - b.lastAt;
  }
  const idA = latest.get(a.team.id);
  const idB = latest.get(b.team.id);
  if (idA !== idB) {
    if (idA === undefined) return 1;
    if (idB === undefined) return -1;
    return idA < idB ? -1 : 1;
  }
  return a.team.nameOrder - b.team.nameOrder;
}
