import type { AppContext } from '../../context.js';
import type { Account } from '../../core/accounts/account.js';
import { spaceView, withFormerPartners, type SpaceView } from '../spaces/index.js';
import type { SafeHtml } from '../../platform/web/html.js';
import type { CheckinView } from './service.js';
import { partnerTodaySection, type CheckinNumbers, type PartnerCheckin } from './views/partner-today.js';

/**
 * What the check-in page and its live "partner's check-in" section show, read once: the space as
 * the viewer sees it and every check-in they may see in the days they may check in for. The page
 * and the section draw from this one loader, so they cannot show different things.
 */
export interface CheckinPageModel {
  view: SpaceView;
  viewerId: string;
  /** The dates the viewer may check in for, newest first. */
  dates: string[];
  checkins: CheckinView[];
}

export async function checkinPageModel(
  ctx: AppContext,
  account: Pick<Account, 'id' | 'timezone'>,
  spaceId: string,
): Promise<CheckinPageModel> {
  // The partners who left, so the page does not wait for one of them to "join" (issue #19).
  const view = await withFormerPartners(ctx.spaces, await spaceView(ctx.spaces, account.id, spaceId));
  const dates = ctx.rhythm.checkins.allowedDates(account);
  const checkins = await ctx.rhythm.checkins.visibleCheckins(view, dates[dates.length - 1]!, dates[0]!);
  return { view, viewerId: account.id, dates, checkins };
}

/** The viewer's own check-in for a day, if they wrote one. */
export const ownCheckin = (m: CheckinPageModel, date: string): CheckinView | undefined =>
  m.checkins.find((c) => c.accountId === m.viewerId && c.date === date);

/** A check-in's numbers as the viewer may see them: all of them, or none (their owner keeps them). */
const numbersOf = (c: CheckinView): CheckinNumbers | null =>
  c.safety === null || c.trust === null || c.closeness === null
    ? null
    : { safety: c.safety, trust: c.trust, closeness: c.closeness, day: c.day };

/** The other partners' latest check-ins in the viewer's check-in days, as the page shows them. */
export function partnerToday(m: CheckinPageModel): SafeHtml {
  const partners: PartnerCheckin[] = m.view.space.members
    .filter((member) => member.role === 'partner' && member.accountId !== m.viewerId)
    .map((member) => {
      const latest = m.checkins.filter((c) => c.accountId === member.accountId).sort((x, y) => (x.date < y.date ? 1 : -1))[0];
      return { displayName: member.displayName, checkin: latest ? { date: latest.date, numbers: numbersOf(latest) } : null };
    });
  return partnerTodaySection({
    spaceId: m.view.space.id,
    partners,
    dates: m.dates,
    viewer: m.view.isPartner ? 'partner' : 'therapist',
    partnerLeft: (m.view.former ?? []).length > 0,
  });
}
