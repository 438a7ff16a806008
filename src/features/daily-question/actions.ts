import { outcome, type Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { DailyActor, DailyQuestionView } from './service.js';

/**
 * The daily question changes only here. Neither action tells anyone anything: an answer is sealed
 * until both answered and then waits quietly on the question's page; a skip is the person's own.
 * No live event either: nothing on the partner's pages may change because of a sealed half or a
 * skip beyond what the question's page shows when they open it (docs/daily-question.md).
 */
export async function answerDailyQuestion(
  ctx: AppContext,
  actor: DailyActor,
  spaceId: string,
  questionId: string,
  text: string,
): Promise<Outcome<DailyQuestionView>> {
  return outcome(await ctx.dailyQuestions.answer(actor, spaceId, questionId, text));
}

export async function skipDailyQuestion(
  ctx: AppContext,
  actor: DailyActor,
  spaceId: string,
  questionId: string,
): Promise<Outcome<DailyQuestionView>> {
  return outcome(await ctx.dailyQuestions.skip(actor, spaceId, questionId));
}
