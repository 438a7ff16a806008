import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MendError } from '../../platform/errors.js';
import { agreementLogPage, type AgreementLogModel } from './views/agreement-log-page.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { writtenNote } from '../reassurance/index.js';
import { field, formFields } from '../../platform/http/form.js';
import { refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { askedMonth, loadAgreementLogPage } from './page-model.js';
import { act } from '../act.js';
import { logOccasion, replyToDispute, reviewOccasion } from './actions.js';
import { DRAFT_SCRIPT } from '../drafts/index.js';

/** Back to the month the form was sent from, after confirming or answering an older occasion. */
const monthAddress = (request: FastifyRequest) => {
  const month = askedMonth(request);
  return month ? `?month=${month}` : '';
};

export async function agreementLogPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  type Extra = {
    errors?: Record<string, string>;
    message?: string;
    status?: number;
    errorFor?: string;
    entered?: AgreementLogModel['entered'];
  };

  async function show(request: FastifyRequest<{ Params: { spaceId: string } }>, reply: FastifyReply, extra: Extra = {}) {
    const { account } = requireAuth(request);
    const { model, space } = await loadAgreementLogPage(ctx, account, request.params.spaceId, askedMonth(request));
    return renderPage(request, reply, {
      title: 'Agreement log',
      space,
      scripts: ['/static/coach.js', '/static/live.js', DRAFT_SCRIPT],
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) =>
        agreementLogPage({
          csrf,
          ...model,
          ...(extra.errors ? { errors: extra.errors } : {}),
          ...(extra.message ? { message: extra.message } : {}),
          ...(extra.errorFor ? { errorFor: extra.errorFor, entered: extra.entered ?? {} } : {}),
        }),
    });
  }

  /**
   * Input problems and refusals the person can act on re-render the page with the reason, beside
   * the form they sent (`errorFor`: the agreement or the occasion) and with what they entered.
   */
  const recover = (request: FastifyRequest, error: unknown, errorFor: string, entered: Extra['entered']): Extra => {
    refusalOnlyForTherapist(request, error);
    if (error instanceof MendError && [400, 403, 409].includes(error.status))
      return { errors: error.details ?? {}, message: error.details ? '' : error.message, status: error.status, errorFor, entered };
    throw error;
  };

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/agreement-log', (request, reply) => show(request, reply));

  app.post<{ Params: { spaceId: string; agreementId: string } }>('/spaces/:spaceId/agreement-log/:agreementId', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 2000);
    const kept = field(f, 'kept');
    const { agreementId } = request.params;
    const entered = { occurredOn: field(f, 'occurredOn'), kept, note: field(f, 'note'), visibility: field(f, 'visibility') };
    try {
      // The service says every problem of the form at once (a missing choice with a wrong day), and
      // finds no agreement of another space at this space's address.
      await act(
        ctx,
        logOccasion(
          ctx,
          account,
          agreementId,
          { occurredOn: field(f, 'occurredOn'), kept: kept === 'yes' ? true : kept === 'no' ? false : null, note: writtenNote(f) },
          request.params.spaceId,
        ),
      );
    } catch (error) {
      return show(request, reply, recover(request, error, agreementId, entered));
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/agreement-log`, 303);
  });

  app.post<{ Params: { spaceId: string; entryId: string } }>(
    '/spaces/:spaceId/agreement-log/entries/:entryId/review',
    async (request, reply) => {
      const { account } = requireAuth(request);
      const f = formFields(request, 2000);
      const review = field(f, 'review') === 'disputed' ? 'disputed' : 'confirmed';
      const text = field(f, 'note').trim();
      try {
        await act(
          ctx,
          reviewOccasion(
            ctx,
            account,
            request.params.entryId,
            review,
            text ? { text, visibility: 'shared' } : null,
            request.params.spaceId,
          ),
        );
      } catch (error) {
        return show(request, reply, recover(request, error, request.params.entryId, { note: field(f, 'note') }));
      }
      return reply.redirect(`/spaces/${request.params.spaceId}/agreement-log${monthAddress(request)}`, 303);
    },
  );

  app.post<{ Params: { spaceId: string; entryId: string } }>(
    '/spaces/:spaceId/agreement-log/entries/:entryId/reply',
    async (request, reply) => {
      const { account } = requireAuth(request);
      // Longer than the limit is said beside the box (the service counts), not cut off unseen.
      const f = formFields(request, 10_000);
      const text = field(f, 'reply');
      try {
        await act(ctx, replyToDispute(ctx, account, request.params.entryId, text, request.params.spaceId));
      } catch (error) {
        return show(request, reply, recover(request, error, request.params.entryId, { reply: text }));
      }
      return reply.redirect(
        `/spaces/${request.params.spaceId}/agreement-log${monthAddress(request)}#occasion-${request.params.entryId}`,
        303,
      );
    },
  );
}
