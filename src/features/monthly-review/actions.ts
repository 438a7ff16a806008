import type { Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Account } from '../../core/accounts/account.js';

/** A partner's monthly review: 201-like `created` the first time in a month. */
export function saveMonthlyReview(
  ctx: AppContext,
  account: Account,
  spaceId: string,
  input: { month: string; communicate: number; closer: number; respect: number },
): Promise<Outcome<{ created: boolean }>> {
  return ctx.rhythm.checkins.saveMonthlyReview(account, spaceId, input);
}
