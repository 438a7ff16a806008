import { isAfterCheating } from './breach-kind.js';
import { isCalendarDate } from './calendar-date.js';
import { type Decision, deny } from './decision.js';
import type { JourneyFacts } from './facts.js';
import { didBreakTrust } from './roles.js';

/**
 * Questions and answers after cheating. The hurt partner asks (an entry with prompt `question`);
 * the partner who broke trust answers (prompt `answer`, replying to it — see canWriteEntry) or
 * says "not now, but I will by <date>". The date may not be in the past.
 *
 * Decision: a question can be deferred once. A second "not now" is not offered; after the date
 * the question shows as `overdue` to both, calmly, until it is answered — a promised date that
 * can be pushed forever would not rebuild trust.
 */
export type QuestionState = 'waiting' | 'deferred' | 'overdue' | 'answered';

export type DeferRefusal =
  | 'only_after_cheating'
  | 'not_a_partner'
  | 'not_found'
  | 'own_question'
  | 'did_not_break_trust'
  | 'already_answered'
  | 'already_deferred'
  | 'invalid_date'
  | 'in_the_past';

/** The state of a question for both partners. `today` is the viewer's local date. */
export function questionState(facts: JourneyFacts, questionId: string, today: string): QuestionState {
  const answered = facts.entries.some((e) => e.prompt === 'answer' && e.replyTo === questionId);
  if (answered) return 'answered';
  const deferral = facts.deferrals.find((d) => d.questionId === questionId);
  if (!deferral) return 'waiting';
  return deferral.until < today ? 'overdue' : 'deferred';
}

/** May `by` answer "not now, but I will by `until`"? `today` is their local date. */
export function canDeferQuestion(
  facts: JourneyFacts,
  questionId: string,
  by: string,
  until: string,
  today: string,
): Decision<DeferRefusal> {
  if (!isAfterCheating(facts.kind)) return deny('only_after_cheating');
  if (!facts.partnerIds.includes(by)) return deny('not_a_partner');
  const question = facts.entries.find((e) => e.id === questionId && e.prompt === 'question');
  if (!question || question.visibility !== 'shared') return deny('not_found');
  if (question.authorId === by) return deny('own_question');
  if (!didBreakTrust(facts, by)) return deny('did_not_break_trust');
  if (facts.entries.some((e) => e.prompt === 'answer' && e.replyTo === questionId)) return deny('already_answered');
  if (facts.deferrals.some((d) => d.questionId === questionId)) return deny('already_deferred');
  if (!isCalendarDate(until)) return deny('invalid_date');
  if (until < today) return deny('in_the_past');
  return { ok: true };
}
