import { SCREENING_QUESTIONS, VERBAL_PATTERN_IDS, answerRank, type ScreeningAnswers, type ScreeningQuestionId } from './questions.js';

export interface ScreeningResult {
  /** True when Mend should show safety resources and advise against couples work for now. */
  readonly positive: boolean;
  /** The questions that made the screen positive, in question order; empty when negative. */
  readonly reasons: readonly ScreeningQuestionId[];
}

/**
 * The rule, chosen to err on the side of showing resources:
 * - any physical or sexual harm, any threat, any fear of the partner, and any controlling
 *   behaviour (money, phone, friends and family) — answered "sometimes" or "often" — is positive;
 * - being screamed at or put down "often" is positive;
 * - being screamed at and put down both "sometimes" is positive (a pattern of verbal aggression).
 *
 * The rule is monotone: answering any question more often never turns a positive screen negative
 * and never removes a reason (a property test holds it to that).
 */
export function scoreScreening(answers: ScreeningAnswers): ScreeningResult {
  const reasons = new Set<ScreeningQuestionId>();
  for (const question of SCREENING_QUESTIONS) {
    if (answerRank(answers[question.id]) >= answerRank(question.positiveFrom)) {
      reasons.add(question.id);
    }
  }
  if (VERBAL_PATTERN_IDS.every((id) => answerRank(answers[id]) >= answerRank('sometimes'))) {
    for (const id of VERBAL_PATTERN_IDS) reasons.add(id);
  }
  const ordered = SCREENING_QUESTIONS.map((q) => q.id).filter((id) => reasons.has(id));
  return { positive: ordered.length > 0, reasons: ordered };
}
