import { challengeValue } from '@arena/scoring';
import { TeamScoreParts } from './hints.repository';

/** A team's live score from its parts, as the standings count it: solves at current values, awards, first bloods. */
export function teamScore(parts: TeamScoreParts, firstBloodBonus: number): number {
  const solves = parts.solves.reduce((sum, solve) => sum + challengeValue(solve, solve.solves), 0);
  return solves + parts.awards + firstBloodBonus * parts.firstBloods;
}
