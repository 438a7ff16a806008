import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import type { AppContext } from '../../context.js';
import type { ReassuranceView } from './service.js';
import { spaceView, withFormerPartners, type SpaceView } from '../spaces/index.js';

/**
 * What the reassurance page and its live section show, read once: the space as the viewer sees it
 * and a page of its calls (the newest, unless the page asks for older ones).
 */
export interface ReassurancePageModel {
  view: SpaceView;
  page: Page<ReassuranceView>;
}

export async function reassurancePageModel(
  ctx: AppContext,
  accountId: string,
  spaceId: string,
  at: PageRequest = FIRST_PAGE,
): Promise<ReassurancePageModel> {
  const view = await withFormerPartners(ctx.spaces, await spaceView(ctx.spaces, accountId, spaceId));
  const page = await ctx.rhythm.reassurance.list(accountId, view.space.id, at);
  return { view, page };
}
