import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MendError } from '../../platform/errors.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage, safeNext } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { act } from '../act.js';
import { discardDraft, saveDraft } from './actions.js';
import { DRAFT_BACK_FIELD, DRAFT_PLACE_FIELD } from './views/draft-parts.js';
import { draftTooLongPage } from './views/draft-too-long.js';

/**
 * "Save draft" and "Discard draft", the buttons inside each form that keeps a draft. Each posts the
 * whole form here (`formaction`), so no script is needed: the texts of the form's place are kept
 * and the person is sent back to the same place, where the form is drawn with them. The drafts
 * island posts here too, asking for JSON, while the person types. Neither uses the form's
 * idempotency key (plugins/idempotency.ts ignores these routes), so the key is still fresh when
 * the form is really sent.
 */
export async function draftPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  const wantsJson = (request: FastifyRequest): boolean => String(request.headers.accept ?? '').includes('application/json');

  function back(reply: FastifyReply, f: Record<string, string>): FastifyReply {
    return reply.redirect(safeNext(field(f, DRAFT_BACK_FIELD)) ?? '/', 303);
  }

  app.post('/drafts/save', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request);
    try {
      const draft = await act(ctx, saveDraft(ctx, account, field(f, DRAFT_PLACE_FIELD), f, { strict: false }));
      if (wantsJson(request)) return reply.send({ savedAt: draft?.updatedAt ?? null });
      return back(reply, f);
    } catch (error) {
      // A text longer than the text it becomes is never cut short: the page says so, and the
      // words are still in the form one step back.
      if (!(error instanceof MendError) || error.code !== 'invalid_input' || !error.details || wantsJson(request)) throw error;
      return renderPage(request, reply, {
        title: 'Your draft was not kept',
        status: 400,
        body: () => draftTooLongPage(error.details ?? {}),
      });
    }
  });

  app.post('/drafts/discard', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 300);
    await act(ctx, discardDraft(ctx, account, field(f, DRAFT_PLACE_FIELD)));
    if (wantsJson(request)) return reply.status(204).send();
    return back(reply, f);
  });
}
