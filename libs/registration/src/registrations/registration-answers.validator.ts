import { QuestionType, RegistrationQuestion } from '../events/entities/event.entity';
import { RegistrationError, RegistrationErrorCode } from '../registration.errors';

const invalid = (message: string) => new RegistrationError(RegistrationErrorCode.InvalidAnswers, message);

/** Largest free-form answers (JSON) of an event without questions, where organisers collect their own fields. */
export const FREE_ANSWERS_MAX_BYTES = 16 * 1024;

/**
 * Checks answers against the event's questions and returns what is stored: a string per answered question, trimmed,
 * nothing else. Unknown keys, answers that are not strings, missing required answers, text over the question's
 * maxLength and choices that are not offered are refused (400) naming `answers.<id>`. An event without questions
 * keeps the older free-form answers (any JSON object), bounded in size.
 */
export function validateAnswers(questions: RegistrationQuestion[] | undefined, answers: Record<string, unknown>): Record<string, unknown> {
  if (!questions?.length) {
    if (Buffer.byteLength(JSON.stringify(answers)) > FREE_ANSWERS_MAX_BYTES) throw invalid(`answers must be at most ${FREE_ANSWERS_MAX_BYTES} bytes of JSON`);
    return answers;
  }
  const known = new Set(questions.map((question) => question.id));
  const unknown = Object.keys(answers).filter((key) => !known.has(key));
  if (unknown.length > 0) throw invalid(`answers.${unknown[0].slice(0, 40)} is not a question of this event`);
  const stored: Record<string, string> = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (value !== undefined && value !== null && typeof value !== 'string') throw invalid(`answers.${question.id} must be a string`);
    const answer = typeof value === 'string' ? value.trim() : '';
    if (answer === '') {
      if (question.required) throw invalid(`answers.${question.id} is required`);
      continue;
    }
    if (question.type === QuestionType.Choice && !question.choices?.includes(answer)) {
      throw invalid(`answers.${question.id} must be one of the question's choices`);
    }
    if (question.type === QuestionType.Text && [...answer].length > (question.maxLength ?? 0)) {
      throw invalid(`answers.${question.id} must be at most ${question.maxLength} characters`);
    }
    stored[question.id] = answer;
  }
  return stored;
}
