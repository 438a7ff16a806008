import type { FastifyInstance } from 'fastify';
import { hardDayJourney } from '../../core/journey/index.js';
import { resourcesFor, supportCountryFor } from '../../core/safety/index.js';
import { spaceHardDayPage } from './views/hard-day/space-hard-day-page.js';
import { fail } from '../../platform/errors.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';

/**
 * A space's way to its hard-day page, one tap from the space home and from a hard check-in: the
 * hard-day page of its current journey, or — before there is one — the parts that need none.
 */
export async function hardDayPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/hard-day', async (request, reply) => {
    const { account } = requireAuth(request);
    const journeyId = hardDayJourney(await ctx.journeys.list(account, request.params.spaceId));
    if (journeyId) return reply.redirect(`/journeys/${journeyId}/hard-day`, 303);
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    // Without a journey the page is only the partners' own: steadying, reassurance and support.
    if (!space.members.some((m) => m.accountId === account.id && m.role === 'partner')) fail('not_found');
    const layoutSpace = {
      id: space.id,
      name: space.name,
      partnerNames: space.members.filter((m) => m.role === 'partner').map((m) => m.displayName),
    };
    const support = resourcesFor(supportCountryFor(account));
    return renderPage(request, reply, {
      title: 'A hard day',
      space: layoutSpace,
      body: () => spaceHardDayPage(space.id, support, layoutSpace.partnerNames.length < 2),
    });
  });
}
