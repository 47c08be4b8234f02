import { CriterionEntity } from '../criteria/entities/criterion.entity';
import { HackathonErrorCode } from '../hackathon.errors';
import { validScores } from './score-rules';

const criterion = (id: string, min: number, max: number) => Object.assign(new CriterionEntity(), { id, name: id.toUpperCase(), weight: 1, min, max });
const criteria = [criterion('a', 1, 5), criterion('b', 0, 10)];

function problem(scores: Record<string, unknown>, list = criteria): { code: string; message: string } {
  try {
    validScores(list, scores);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('validScores', () => {
  it('should keep the marks when every criterion has one within its range', () => {
    expect(validScores(criteria, { a: 1, b: 10 })).toEqual({ a: 1, b: 10 });
    expect(validScores(criteria, { a: 2.5, b: 0 })).toEqual({ a: 2.5, b: 0 });
  });

  it('should name every bad field when marks are missing, unknown, not numbers or out of range', () => {
    const refused = problem({ a: 6, c: 1 });
    expect(refused.code).toBe(HackathonErrorCode.InvalidScores);
    expect(refused.message).toBe('scores.c is not a criterion of this event; scores.a (A) must be between 1 and 5; scores.b (B) is missing');
    expect(problem({ a: '3', b: Number.NaN }).message).toBe('scores.a (A) must be a number; scores.b (B) must be a number');
    expect(problem({ a: 0.999, b: 10.001 }).message).toContain('scores.a (A) must be between 1 and 5');
  });

  it('should refuse scores when the event has no criteria', () => {
    expect(problem({}, []).message).toContain('no criteria');
  });
});
