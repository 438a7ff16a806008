import type { FastifyInstance } from 'fastify';
import { spaceView } from '../spaces/index.js';
import { guideReader, hardDayJourney, roleOf } from '../../core/journey/index.js';
import { decisionGuidePage } from './views/decision-guide-page.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { layoutSpaceOf } from '../spaces/index.js';

/** The decision guide: private to the partner reading it. Opening it writes nothing anywhere. */
export async function decisionGuidePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/decision-guide', async (request, reply) => {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    const progress = await ctx.rhythm.progress.forSpace(account, view.space.id);
    // Whose words: the viewer's part in the space's current journey (the newest still open).
    const journeys = view.isPartner ? await ctx.journeys.list(account, view.space.id) : [];
    const current = hardDayJourney(journeys);
    const breach = current ? (await ctx.journeys.journey(account, current)).breach : null;
    const reader = guideReader({
      isPartner: view.isPartner,
      solo: view.partnerIds.length < 2,
      role: breach ? roleOf({ brokeTrust: breach.brokeTrust, partnerIds: view.partnerIds }, account.id) : null,
    });
    const me = progress.partners.find((p) => p.accountId === account.id) ?? null;
    const partner = progress.partners.find((p) => p.accountId !== account.id) ?? null;
    reply.header('Cache-Control', 'no-store');
    return renderPage(request, reply, {
      title: 'Can trust always be rebuilt?',
      space: layoutSpaceOf(view),
      body: () =>
        decisionGuidePage({
          spaceId: view.space.id,
          reader,
          myTrends: view.isPartner ? (me?.trends ?? null) : null,
          consistency: partner ? partner.consistency : null,
          flags: progress.redFlags,
        }),
    });
  });
}
