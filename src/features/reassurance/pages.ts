import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MendError } from '../../platform/errors.js';
import type { SafeHtml } from '../../platform/web/html.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { partnersOnlyForm, refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { historyLinksFor, historyRequest } from '../../platform/http/history-paging.js';
import { COACH_SCRIPTS, coachFor, inputErrors, olderOf } from '../checkin/index.js';
import { departuresOfView, layoutSpaceOf, namesOf } from '../spaces/index.js';
import { act } from '../act.js';
import { answerReassurance, askForReassurance } from './actions.js';
import { unpickedProblem, writtenNote } from './chosen-note.js';
import { REASSURANCE_KEY } from './cursor-key.js';
import { reassurancePageModel } from './page-model.js';
import { reassurancePage } from './views/reassurance-page.js';
import { partnerPresence } from '../../core/partner-words.js';
import { DRAFT_SCRIPT } from '../drafts/index.js';

type SpaceRequest = FastifyRequest<{ Params: { spaceId: string } }>;

/** The reassurance page: a partner's calls and the other's answers (issue #4). */
export async function reassurancePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  async function showReassurance(
    request: SpaceRequest,
    reply: FastifyReply,
    extra: {
      errors?: Record<string, string>;
      message?: string;
      form?: { note?: string; visibility?: string; answer?: string; answerFor?: string };
      status?: number;
      coach?: SafeHtml | null;
    } = {},
  ) {
    const { account } = requireAuth(request);
    const at = historyRequest(olderOf(request), REASSURANCE_KEY.length);
    const { view, page, drafts } = await reassurancePageModel(ctx, account, request.params.spaceId, at);
    const requests = page.items;
    const paging = historyLinksFor(`/spaces/${view.space.id}/reassurance`, at, page);
    return renderPage(request, reply, {
      title: 'Reassurance',
      space: layoutSpaceOf(view),
      scripts: [...COACH_SCRIPTS, '/static/live.js', DRAFT_SCRIPT],
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) =>
        reassurancePage({
          csrf,
          drafts,
          spaceId: view.space.id,
          viewerId: account.id,
          isPartner: view.isPartner,
          presence: partnerPresence(view.partnerIds.length, departuresOfView(view).size),
          names: namesOf(view),
          former: departuresOfView(view),
          requests,
          paging,
          ...(extra.errors ? { errors: extra.errors } : {}),
          ...(extra.message ? { message: extra.message } : {}),
          ...(extra.form ? { form: extra.form } : {}),
          coach: extra.coach ?? null,
        }),
    });
  }

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/reassurance', (request, reply) => showReassurance(request, reply));

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/reassurance', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 2000);
    const note = writtenNote(f);
    if (note?.visibility === null) {
      // The page is redrawn around the problem: only for the space's partners (spaceView finds no
      // other space; a therapist gets the error page).
      partnersOnlyForm(request);
      return showReassurance(request, reply, {
        errors: unpickedProblem(note),
        form: { note: field(f, 'note'), visibility: '' },
        status: 400,
      });
    }
    try {
      await act(ctx, askForReassurance(ctx, account, request.params.spaceId, note && { text: note.text, visibility: note.visibility }));
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      // Alone in the space (the page offers no form then; an old tab might still send one): said in words.
      if (error instanceof MendError && error.status === 409)
        return showReassurance(request, reply, { message: error.message, status: 409 });
      return showReassurance(request, reply, {
        errors: inputErrors(error),
        form: { note: field(f, 'note'), visibility: field(f, 'visibility') },
        status: 400,
      });
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/reassurance`, 303);
  });

  app.post<{ Params: { spaceId: string; requestId: string } }>('/spaces/:spaceId/reassurance/:requestId/answer', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 2000);
    const answer = field(f, 'answer');
    try {
      // The page's own space: a call of another space is not found at this address (404).
      await act(ctx, answerReassurance(ctx, account, request.params.requestId, answer, request.params.spaceId));
    } catch (error) {
      // Words to correct (400), a call already answered (409) or one's own call (403) come back on
      // the page, with what was written; anything else (404) goes to the error page.
      if (!(error instanceof MendError) || ![400, 403, 409].includes(error.status)) throw error;
      refusalOnlyForTherapist(request, error);
      const said = error.details ? { errors: error.details } : { message: error.message };
      return showReassurance(request, reply, { ...said, form: { answer, answerFor: request.params.requestId }, status: error.status });
    }
    const coach = coachFor(answer);
    if (coach) return showReassurance(request, reply, { coach });
    return reply.redirect(`/spaces/${request.params.spaceId}/reassurance`, 303);
  });
}
