import type { AppContext } from '../../context.js';
import type { Actor, SpaceAccess } from './access.js';
import type { LoadedJourney } from './facts.js';
import type { JourneyPageModel } from './views/common.js';

/**
 * Everything a journey page shows, through the same services and visibility rules as the API.
 * The one loader of the journey's pages and of its steps' live fragment (live-fragments.ts), so
 * the two cannot read different data.
 */
export async function loadJourneyPage(ctx: AppContext, account: Actor, journeyId: string): Promise<JourneyPageModel> {
  const { access, loaded } = await ctx.journeys.load(account, journeyId);
  return journeyPageModel(ctx, account, access, loaded);
}

/** The page model of a journey already loaded with the reader's access. */
export function journeyPageModel(ctx: AppContext, account: Actor, access: SpaceAccess, loaded: LoadedJourney): JourneyPageModel {
  const partners = access.space.members.filter((p) => p.role === 'partner' && p.status === 'active');
  return {
    viewerId: account.id,
    relation: access.viewer.relation === 'partner' ? 'partner' : 'therapist',
    spaceId: access.space.id,
    spaceName: access.space.name,
    names: Object.fromEntries(partners.map((p) => [p.accountId, p.displayName])),
    view: ctx.journeys.view(account, access, loaded),
    entries: ctx.journeys.visibleEntries(access.viewer, loaded),
    apologies: ctx.journeys.visibleApologies(access.viewer, loaded),
    agreements: loaded.agreements,
  };
}
