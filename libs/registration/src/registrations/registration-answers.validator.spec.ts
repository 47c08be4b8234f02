import { QuestionType, RegistrationQuestion } from '../events/entities/event.entity';
import { RegistrationError } from '../registration.errors';
import { FREE_ANSWERS_MAX_BYTES, validateAnswers } from './registration-answers.validator';

const QUESTIONS: RegistrationQuestion[] = [
  { id: 'school', label: 'School', type: QuestionType.Text, required: true, maxLength: 5 },
  { id: 'track', label: 'Track', type: QuestionType.Choice, required: false, choices: ['a', 'b'] },
];

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RegistrationError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('validateAnswers', () => {
  it('should keep only trimmed, non-empty answers when they fit the questions', () => {
    expect(validateAnswers(QUESTIONS, { school: ' HUST ', track: '' })).toEqual({ school: 'HUST' });
  });

  it('should name the unknown key when an answer has no question', () => {
    expect(refusal(() => validateAnswers(QUESTIONS, { school: 'x', admin: 'y' }))).toContain('answers.admin');
  });

  it('should count characters, not UTF-16 units, when the answer has emoji', () => {
    expect(validateAnswers(QUESTIONS, { school: '😀😀😀😀😀' })).toEqual({ school: '😀😀😀😀😀' });
    expect(refusal(() => validateAnswers(QUESTIONS, { school: '😀😀😀😀😀😀' }))).toContain('answers.school');
  });

  it('should refuse a choice that is not offered and an answer that is not a string', () => {
    expect(refusal(() => validateAnswers(QUESTIONS, { school: 'x', track: 'c' }))).toContain('answers.track');
    expect(refusal(() => validateAnswers(QUESTIONS, { school: ['x'] }))).toContain('answers.school');
  });

  it('should keep free-form answers within the bound when the event has no questions', () => {
    expect(validateAnswers([], { any: { nested: [1] } })).toEqual({ any: { nested: [1] } });
    expect(refusal(() => validateAnswers(undefined, { essay: 'x'.repeat(FREE_ANSWERS_MAX_BYTES) }))).toContain('answers');
  });
});
