import {
  SCREENING_ANSWERS,
  SCREENING_QUESTION_IDS,
  isScreeningAnswer,
  isScreeningQuestionId,
  type ScreeningAnswer,
  type ScreeningAnswers,
  type ScreeningQuestionId,
} from './questions.js';

export type ScreeningProblemCode = 'not_an_object' | 'unknown_question' | 'missing_answer' | 'invalid_answer';

export interface ScreeningProblem {
  readonly code: ScreeningProblemCode;
  /** The question the problem is about; absent when the whole input is wrong. */
  readonly questionId?: string;
  /** Plain words that say how to fix it. */
  readonly message: string;
}

export type ScreeningValidation =
  { readonly ok: true; readonly answers: ScreeningAnswers } | { readonly ok: false; readonly problems: readonly ScreeningProblem[] };

const CHOICES = SCREENING_ANSWERS.map((a) => `"${a}"`).join(', ');

/**
 * Checks an answers object from a form or the API: every question answered once with one of the
 * scale's answers, and nothing else. Returns every problem at once so a page can show them all.
 */
export function validateScreeningAnswers(input: unknown): ScreeningValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      problems: [
        {
          code: 'not_an_object',
          message: 'The answers should be an object with one answer for each question.',
        },
      ],
    };
  }
  const record = input as Record<string, unknown>;
  const problems: ScreeningProblem[] = [];
  for (const key of Object.keys(record)) {
    if (!isScreeningQuestionId(key)) {
      problems.push({
        code: 'unknown_question',
        questionId: key,
        message: `There is no question "${key}" in the safety screening. Remove this answer.`,
      });
    }
  }
  const answers: Partial<Record<ScreeningQuestionId, ScreeningAnswer>> = {};
  for (const id of SCREENING_QUESTION_IDS) {
    const value = Object.hasOwn(record, id) ? record[id] : undefined;
    if (value === undefined || value === null || value === '') {
      problems.push({
        code: 'missing_answer',
        questionId: id,
        message: `Please choose an answer for "${id}".`,
      });
    } else if (!isScreeningAnswer(value)) {
      problems.push({
        code: 'invalid_answer',
        questionId: id,
        message: `The answer for "${id}" should be one of ${CHOICES}.`,
      });
    } else {
      answers[id] = value;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, answers: answers as ScreeningAnswers };
}
