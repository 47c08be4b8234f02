import { CriterionEntity } from '../criteria/entities/criterion.entity';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';

/** A mark for every criterion, each a finite number within its range; the message names every bad field. */
export function validScores(criteria: CriterionEntity[], scores: Record<string, unknown>): Record<string, number> {
  if (criteria.length === 0) throw new HackathonError(HackathonErrorCode.InvalidScores, 'scores: this event has no criteria yet');
  const problems: string[] = [];
  const known = new Set(criteria.map((criterion) => criterion.id));
  for (const key of Object.keys(scores)) if (!known.has(key)) problems.push(`scores.${key} is not a criterion of this event`);
  const valid: Record<string, number> = {};
  for (const criterion of criteria) {
    const mark = scores[criterion.id];
    const field = `scores.${criterion.id} (${criterion.name})`;
    if (mark === undefined) problems.push(`${field} is missing`);
    else if (typeof mark !== 'number' || !Number.isFinite(mark)) problems.push(`${field} must be a number`);
    else if (mark < criterion.min || mark > criterion.max) problems.push(`${field} must be between ${criterion.min} and ${criterion.max}`);
    else valid[criterion.id] = mark;
  }
  if (problems.length) throw new HackathonError(HackathonErrorCode.InvalidScores, problems.join('; '));
  return valid;
}
