import type { AppContext } from '../../context.js';
import type { Actor, SpaceAccess } from './access.js';
import type { LoadedJourney } from './facts.js';
import type { JourneyPageModel } from './views/common.js';
import { departedName, departuresOf } from '../../platform/web/components/former-partners.js';
import { NO_DRAFTS } from '../drafts/index.js';
import type { FormerPartner } from '../spaces/index.js';

/**
 * Everything a journey page shows, through the same services and visibility rules as the API.
 * The one loader of the journey's pages and of its steps' live fragment (live-fragments.ts), so
 * the two cannot read different data.
 */
export async function loadJourneyPage(ctx: AppContext, account: Actor, journeyId: string): Promise<JourneyPageModel> {
  const { access, loaded, former } = await ctx.journeys.load(account, journeyId);
  return journeyPageModel(ctx, account, access, loaded, former);
}

/** The page model of a journey already loaded with the reader's access (and the partners who left it). */
export async function journeyPageModel(
  ctx: AppContext,
  account: Actor,
  access: SpaceAccess,
  loaded: LoadedJourney,
  former: FormerPartner[] = [],
): Promise<JourneyPageModel> {
  const partners = access.space.members.filter((p) => p.role === 'partner' && p.status === 'active');
  const relation = access.viewer.relation === 'partner' ? 'partner' : 'therapist';
  return {
    viewerId: account.id,
    relation,
    spaceId: access.space.id,
    spaceName: access.space.name,
    names: Object.fromEntries([
      ...former.map((f) => [f.accountId, departedName(f, relation)]),
      ...partners.map((p) => [p.accountId, p.displayName]),
    ]),
    former: departuresOf(former),
    view: ctx.journeys.view(account, access, loaded),
    entries: ctx.journeys.visibleEntries(access.viewer, loaded),
    apologies: ctx.journeys.visibleApologies(access.viewer, loaded),
    agreements: loaded.agreements,
    // The viewer's own drafts only; a therapist writes nothing here, so keeps none.
    drafts: relation === 'partner' ? await ctx.drafts.book(account, access.space.id) : NO_DRAFTS,
  };
}
