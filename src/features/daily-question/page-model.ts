import type { AppContext } from '../../context.js';
import type { LayoutSpace } from '../../platform/web/layout.js';
import type { DailyActor, DailyQuestionView } from './service.js';

/** What the question's page draws: the day's question as the viewer sees it, and the space for the header. */
export interface QuestionPageModel {
  question: DailyQuestionView;
  space: LayoutSpace;
}

export async function questionPageModel(ctx: AppContext, actor: DailyActor, spaceId: string, day?: string): Promise<QuestionPageModel> {
  const question =
    day === undefined ? await ctx.dailyQuestions.todays(actor, spaceId) : await ctx.dailyQuestions.ofDay(actor, spaceId, day);
  const space = await ctx.spaces.forMember(actor.id, spaceId);
  return {
    question,
    space: { id: space.id, name: space.name, partnerNames: space.members.filter((m) => m.role === 'partner').map((m) => m.displayName) },
  };
}
