import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { partnersOnlyForm, refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { inputErrors } from '../checkin/index.js';
import { layoutSpaceOf, spaceView } from '../spaces/index.js';
import { act } from '../act.js';
import { saveMonthlyReview } from './actions.js';
import { monthlyReviewPage, partnersReviewsPage } from './views/review-page.js';

type SpaceRequest = FastifyRequest<{ Params: { spaceId: string } }>;

/** A partner's monthly review (issue #4). */
export async function monthlyReviewPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  async function showReview(
    request: SpaceRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; saved?: boolean; values?: Record<string, number>; status?: number } = {},
  ) {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    // A therapist reviews nothing: they read the partners' answers.
    if (!view.isPartner) {
      const reviews = await ctx.rhythm.monthlyReviews.list(view);
      const partners = view.space.members
        .filter((m) => m.role === 'partner')
        .sort((x, y) => x.joinedAt.localeCompare(y.joinedAt) || x.displayName.localeCompare(y.displayName));
      return renderPage(request, reply, {
        title: 'The partners’ monthly reviews',
        space: layoutSpaceOf(view),
        body: () => partnersReviewsPage({ spaceId: view.space.id, partners, reviews }),
      });
    }
    const month = ctx.rhythm.checkins.today(account).slice(0, 7);
    const existing = (await ctx.rhythm.monthlyReviews.list(view)).find((r) => r.accountId === account.id && r.month === month);
    const values =
      extra.values ?? (existing ? { communicate: existing.communicate, closer: existing.closer, respect: existing.respect } : undefined);
    return renderPage(request, reply, {
      title: 'Monthly review',
      space: layoutSpaceOf(view),
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) =>
        monthlyReviewPage({
          csrf,
          spaceId: view.space.id,
          month,
          ...(values ? { values } : {}),
          ...(extra.errors ? { errors: extra.errors } : {}),
          ...(extra.saved ? { saved: true } : {}),
        }),
    });
  }

  app.get<{ Params: { spaceId: string }; Querystring: { saved?: string } }>('/spaces/:spaceId/monthly-review', (request, reply) =>
    showReview(request, reply, { saved: request.query.saved === '1' }),
  );

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/monthly-review', async (request, reply) => {
    const { account } = requireAuth(request);
    // Its own checks below redraw the page: not for a therapist.
    partnersOnlyForm(request);
    const f = formFields(request, 100);
    const values = {
      communicate: Number(field(f, 'communicate')),
      closer: Number(field(f, 'closer')),
      respect: Number(field(f, 'respect')),
    };
    const errors: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (!Number.isInteger(v) || v < 1 || v > 5) errors[k] = 'Choose a number from 1 to 5.';
    if (Object.keys(errors).length) return showReview(request, reply, { errors, status: 400 });
    const month = field(f, 'month') || ctx.rhythm.checkins.today(account).slice(0, 7);
    try {
      await act(ctx, saveMonthlyReview(ctx, account, request.params.spaceId, { month, ...values }));
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      return showReview(request, reply, { errors: inputErrors(error), values, status: 400 });
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/monthly-review?saved=1`, 303);
  });
}
