import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields, formRefusal } from '../../platform/http/form.js';
import { refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { act } from '../act.js';
import { answerDailyQuestion, skipDailyQuestion } from './actions.js';
import { headerSpace, questionPageModel } from './page-model.js';
import { earlierDaysPage, pastQuestionPage, questionPage, spokenDay } from './views/question-page.js';

type SpaceParams = { Params: { spaceId: string } };

/** The pair's part of a day's page follows the partner's answer (views/question-page.ts). */
const LIVE = ['/static/live.js'];

/** The daily question's page (issue #25): read, answer, or leave it for today; an earlier day read back. */
export async function dailyQuestionPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get<SpaceParams>('/spaces/:spaceId/question', async (request, reply) => {
    const { account } = requireAuth(request);
    const m = await questionPageModel(ctx, account, request.params.spaceId);
    return renderPage(request, reply, {
      title: 'Today’s question',
      space: m.space,
      body: (csrf) => questionPage(csrf, m.question, m.earlier),
      scripts: LIVE,
    });
  });

  app.post<SpaceParams>('/spaces/:spaceId/question', async (request, reply) => {
    const { account } = requireAuth(request);
    const fields = formFields(request);
    try {
      await act(ctx, answerDailyQuestion(ctx, account, request.params.spaceId, field(fields, 'questionId'), field(fields, 'text')));
      return reply.redirect(`/spaces/${request.params.spaceId}/question`, 303);
    } catch (caught) {
      refusalOnlyForTherapist(request, caught);
      const error = formRefusal(caught, reply, { fieldsOnly: true });
      const m = await questionPageModel(ctx, account, request.params.spaceId);
      return renderPage(request, reply, {
        title: 'Today’s question',
        space: m.space,
        status: error.status,
        body: (csrf) => questionPage(csrf, m.question, m.earlier, { value: field(fields, 'text'), errors: error.details }),
        scripts: LIVE,
      });
    }
  });

  app.post<SpaceParams>('/spaces/:spaceId/question/skip', async (request, reply) => {
    const { account } = requireAuth(request);
    await act(ctx, skipDailyQuestion(ctx, account, request.params.spaceId, field(formFields(request), 'questionId')));
    return reply.redirect(`/spaces/${request.params.spaceId}`, 303);
  });

  app.get<{ Params: { spaceId: string; day: string } }>('/spaces/:spaceId/question/:day', async (request, reply) => {
    const { account } = requireAuth(request);
    const m = await questionPageModel(ctx, account, request.params.spaceId, request.params.day);
    return renderPage(request, reply, {
      title: `The question of ${spokenDay(m.question.day)}`,
      space: m.space,
      body: () => pastQuestionPage(m.question),
      scripts: LIVE,
    });
  });

  // Registered with the day's address: a static segment is matched before `:day`.
  app.get<SpaceParams & { Querystring: { before?: string } }>('/spaces/:spaceId/question/earlier', async (request, reply) => {
    const { account } = requireAuth(request);
    const before = typeof request.query.before === 'string' ? request.query.before : ctx.dailyQuestions.today(account);
    const earlier = await ctx.dailyQuestions.earlierDays(account, request.params.spaceId, before);
    return renderPage(request, reply, {
      title: 'Earlier days',
      space: await headerSpace(ctx, account.id, request.params.spaceId),
      body: () => earlierDaysPage(request.params.spaceId, before, earlier),
    });
  });
}
