import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import type { AppContext } from '../../context.js';
import { spaceView, withFormerPartners, type SpaceView } from '../spaces/index.js';
import type { Meeting, MeetingSchedule } from './service.js';

/**
 * What the meetings page and its live sections (the meeting time, the past meetings) show, read
 * once: the space as the viewer sees it, the weekly time and a page of meeting records.
 */
export interface MeetingsPageModel {
  view: SpaceView;
  schedule: MeetingSchedule | null;
  page: Page<Meeting>;
}

export async function meetingsPageModel(
  ctx: AppContext,
  accountId: string,
  spaceId: string,
  at: PageRequest = FIRST_PAGE,
): Promise<MeetingsPageModel> {
  const view = await withFormerPartners(ctx.spaces, await spaceView(ctx.spaces, accountId, spaceId));
  const [page, schedule] = await Promise.all([
    ctx.rhythm.meetings.list(accountId, view.space.id, at),
    ctx.rhythm.meetings.schedule(accountId, view.space.id),
  ]);
  return { view, schedule, page };
}
