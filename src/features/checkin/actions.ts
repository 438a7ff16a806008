import { outcome, type Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import { checkinNotePlace, undatedCheckinNotePlace } from '../../core/drafts/places.js';
import type { Account } from '../../core/accounts/account.js';
import type { CheckinView, CheckinWrite } from './service.js';

/**
 * A partner's check-in for a day. Its live event only when others can notice the change; the
 * partner's notification only for the day's first one (CheckinService.put decides both).
 */
export async function saveCheckin(
  ctx: AppContext,
  account: Account,
  spaceId: string,
  date: string,
  input: CheckinWrite,
): Promise<Outcome<{ created: boolean; checkin: CheckinView }>> {
  const saved = await ctx.rhythm.checkins.put(account, spaceId, date, input);
  // The check-in is sent, its note with it (or left out): that day's note draft goes (issue #18),
  // and one kept before drafts were kept by day.
  await ctx.drafts.sent(account.id, checkinNotePlace(spaceId, saved.value.checkin.date));
  await ctx.drafts.sent(account.id, undatedCheckinNotePlace(spaceId));
  return saved;
}

/** Whether a person's partner sees their check-in numbers. Nobody is told: no event at all. */
export async function chooseCheckinNumbers(
  ctx: AppContext,
  account: Pick<Account, 'id' | 'checkinNumbersShared'>,
  shared: boolean,
): Promise<Outcome<{ numbersShared: boolean }>> {
  await ctx.rhythm.checkins.chooseNumbers(account, shared);
  return outcome({ numbersShared: shared });
}
