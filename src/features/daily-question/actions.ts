import { outcome, type Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { DailyActor, DailyQuestionView } from './service.js';

/**
 * The daily question changes only here. Neither action notifies anyone: an answer is sealed until
 * both answered and then waits quietly on the question's page; a skip is the person's own. An
 * answer for two does send `daily_answer` (the day alone) to the partners' open streams, so a
 * question page already open draws its pair section again — showing what a reload would: "Alex has
 * answered", or the opened pair. It never becomes a notification, a push, an email or an unread
 * item, a therapist's stream never carries it, and a skip or a solo reflection sends nothing, so
 * neither can be told from silence (docs/daily-question.md).
 */
export async function answerDailyQuestion(
  ctx: AppContext,
  actor: DailyActor,
  spaceId: string,
  questionId: string,
  text: string,
): Promise<Outcome<DailyQuestionView>> {
  const view = await ctx.dailyQuestions.answer(actor, spaceId, questionId, text);
  return outcome(view, view.mode === 'pair' && { spaceId: view.spaceId, live: { kind: 'daily_answer', day: view.day } });
}

export async function skipDailyQuestion(
  ctx: AppContext,
  actor: DailyActor,
  spaceId: string,
  questionId: string,
): Promise<Outcome<DailyQuestionView>> {
  return outcome(await ctx.dailyQuestions.skip(actor, spaceId, questionId));
}
