import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields, formRefusal } from '../../platform/http/form.js';
import { refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { act } from '../act.js';
import { answerDailyQuestion, skipDailyQuestion } from './actions.js';
import { questionPageModel } from './page-model.js';
import { pastQuestionPage, questionPage } from './views/question-page.js';

type SpaceParams = { Params: { spaceId: string } };

/** The daily question's page (issue #25): read, answer, or leave it for today; an earlier day read back. */
export async function dailyQuestionPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get<SpaceParams>('/spaces/:spaceId/question', async (request, reply) => {
    const { account } = requireAuth(request);
    const m = await questionPageModel(ctx, account, request.params.spaceId);
    return renderPage(request, reply, { title: 'Today’s question', space: m.space, body: (csrf) => questionPage(csrf, m.question) });
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
        body: (csrf) => questionPage(csrf, m.question, { value: field(fields, 'text'), errors: error.details }),
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
      title: `The question of ${m.question.day}`,
      space: m.space,
      body: () => pastQuestionPage(m.question),
    });
  });
}
