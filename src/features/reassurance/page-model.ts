import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import type { AppContext } from '../../context.js';
import type { ReassuranceView } from './service.js';
import { spaceView, withFormerPartners, type SpaceView } from '../spaces/index.js';
import { NO_DRAFTS, type DraftBook } from '../drafts/index.js';
import type { Actor } from '../../core/actor.js';

/**
 * What the reassurance page and its live section show, read once: the space as the viewer sees it
 * and a page of its calls (the newest, unless the page asks for older ones).
 */
export interface ReassurancePageModel {
  view: SpaceView;
  page: Page<ReassuranceView>;
  /** The viewer's own drafts (a call or an answer being written); a therapist keeps none. */
  drafts: DraftBook;
}

export async function reassurancePageModel(
  ctx: AppContext,
  account: Actor,
  spaceId: string,
  at: PageRequest = FIRST_PAGE,
): Promise<ReassurancePageModel> {
  const view = await withFormerPartners(ctx.spaces, await spaceView(ctx.spaces, account.id, spaceId));
  const page = await ctx.rhythm.reassurance.list(account.id, view.space.id, at);
  const drafts = view.isPartner ? await ctx.drafts.book(account, view.space.id) : NO_DRAFTS;
  return { view, page, drafts };
}
