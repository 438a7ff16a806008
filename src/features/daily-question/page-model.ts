import type { AppContext } from '../../context.js';
import type { LayoutSpace } from '../../platform/web/layout.js';
import type { DailyActor, DailyQuestionView } from './service.js';
import type { EarlierDays } from './views/question-page.js';

/** What the question's page draws: the day's question as the viewer sees it, their earlier days, and the space for the header. */
export interface QuestionPageModel {
  question: DailyQuestionView;
  /** Today's page only (empty on an earlier day's). */
  earlier: EarlierDays;
  space: LayoutSpace;
}

export async function questionPageModel(ctx: AppContext, actor: DailyActor, spaceId: string, day?: string): Promise<QuestionPageModel> {
  const question =
    day === undefined ? await ctx.dailyQuestions.todays(actor, spaceId) : await ctx.dailyQuestions.ofDay(actor, spaceId, day);
  const earlier = day === undefined ? await ctx.dailyQuestions.earlierDays(actor, spaceId, undefined) : { days: [], more: false };
  return { question, earlier, space: await headerSpace(ctx, actor.id, spaceId) };
}

/** The space as the page's header names it. */
export async function headerSpace(ctx: AppContext, accountId: string, spaceId: string): Promise<LayoutSpace> {
  const space = await ctx.spaces.forMember(accountId, spaceId);
  return { id: space.id, name: space.name, partnerNames: space.members.filter((m) => m.role === 'partner').map((m) => m.displayName) };
}
