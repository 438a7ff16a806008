import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { layoutSpaceOf, spaceView } from '../spaces/index.js';
import { passwordRefusal } from '../accounts/index.js';
import { openRecord } from './actions.js';
import { act } from '../act.js';
import { spaceReport } from './gather.js';
import { sessionSummary } from './session-summary.js';
import { openReportPage } from './views/open-report-page.js';
import { reportPage } from './views/report-page.js';
import { sessionSummaryPage } from './views/session-summary-page.js';

/**
 * A space's printable record (for its partners and an active therapist) and a therapist's
 * session summary. The record is an export of the space, so, like the export, it needs the
 * password confirmed in this session within 10 minutes; until then the page asks for it with 403,
 * which names nothing of the space and so is no view for the therapist access log (only reads
 * below 400 are logged, plugins/therapist-access-log.ts). Both pages are logged for a therapist
 * like every other read with a `:spaceId`.
 */
export async function reportPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  const askForPassword = (request: FastifyRequest, reply: FastifyReply, spaceId: string, status: number, error?: string) =>
    renderPage(request, reply, { title: 'Open the record', status, space: null, body: (csrf) => openReportPage(csrf, spaceId, error) });

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/report', async (request, reply) => {
    const auth = requireAuth(request);
    // Strangers, pending and former therapists get "not found" before anything else.
    const view = await spaceView(ctx.spaces, auth.account.id, request.params.spaceId);
    if (!ctx.accounts.recentlyReauthenticated(auth)) return askForPassword(request, reply, view.space.id, 403);
    const report = await spaceReport(ctx, auth.account, view.space.id);
    const back = view.isPartner
      ? { href: `/spaces/${view.space.id}`, text: 'Back to your space' }
      : { href: `/spaces/${view.space.id}/session-summary`, text: 'Back to the session summary' };
    return renderPage(request, reply, {
      title: `The record of ${view.space.name}`,
      space: layoutSpaceOf(view),
      body: () => reportPage([report], { back }),
    });
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/report', async (request, reply) => {
    const auth = requireAuth(request);
    const view = await spaceView(ctx.spaces, auth.account.id, request.params.spaceId);
    try {
      await act(ctx, openRecord(ctx, auth, field(formFields(request), 'password')));
    } catch (error) {
      const refused = passwordRefusal(error, reply);
      return askForPassword(request, reply, view.space.id, refused.status, refused.message);
    }
    return reply.redirect(`/spaces/${view.space.id}/report`, 303);
  });

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/session-summary', async (request, reply) => {
    const { account } = requireAuth(request);
    const summary = await sessionSummary(ctx, account, request.params.spaceId);
    const r = summary.report;
    return renderPage(request, reply, {
      title: 'Since your last visit',
      space: {
        id: r.space.id,
        name: r.space.name,
        partnerNames: r.partners.map((p) => p.displayName),
        therapist: r.reader.relation === 'therapist',
      },
      body: () => sessionSummaryPage(summary),
    });
  });
}
